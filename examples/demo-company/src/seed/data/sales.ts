import type { ActivityKind } from '../../entities/activity.entity.js';
import type { DealSource, DealStage } from '../../entities/deal.entity.js';

/** What Andes Industrial Supply sells; `scale` multiplies the company's typical deal size. */
export const OFFERS: readonly { readonly title: string; readonly scale: number }[] = [
  { title: 'Suministro anual de EPP', scale: 0.8 },
  { title: 'Rodamientos y transmisión de potencia', scale: 0.6 },
  { title: 'Bombas centrífugas', scale: 1.2 },
  { title: 'Compresores de aire', scale: 1.5 },
  { title: 'Herramientas eléctricas', scale: 0.4 },
  { title: 'Válvulas y tuberías industriales', scale: 1 },
  { title: 'Montacargas eléctricos', scale: 2.5 },
  { title: 'Lubricantes industriales', scale: 0.5 },
  { title: 'Equipos de soldadura', scale: 0.7 },
  { title: 'Material eléctrico', scale: 0.6 },
  { title: 'Señalización de seguridad', scale: 0.3 },
  { title: 'Mantenimiento preventivo de compresores', scale: 0.5 },
  { title: 'Repuestos de fajas transportadoras', scale: 0.9 },
  { title: 'Tableros eléctricos', scale: 1.3 },
  { title: 'Grupos electrógenos', scale: 2 },
  { title: 'Iluminación LED industrial', scale: 0.9 },
];

/** How often each stage occurs in the pipeline. */
export const STAGE_WEIGHTS: readonly (readonly [DealStage, number])[] = [
  ['prospecting', 15],
  ['qualification', 13],
  ['proposal', 15],
  ['negotiation', 12],
  ['won', 25],
  ['lost', 20],
];

/** For open deals: how many days after the reference date they are expected to close. */
export const EXPECTED_CLOSE_DAYS: Readonly<Record<DealStage, readonly [number, number]>> = {
  prospecting: [45, 240],
  qualification: [30, 180],
  proposal: [14, 120],
  negotiation: [3, 60],
  won: [0, 0],
  lost: [0, 0],
};

/** Where deals come from. */
export const SOURCE_WEIGHTS: readonly (readonly [DealSource, number])[] = [
  ['referral', 25],
  ['web', 25],
  ['cold-call', 20],
  ['trade-show', 15],
  ['partner', 15],
];

/** Why deals are lost. */
export const LOST_REASONS = [
  'Precio por encima del presupuesto',
  'Eligió a un competidor',
  'Plazo de entrega demasiado largo',
  'Proyecto postergado al próximo año',
  'Sin presupuesto aprobado',
  'Compra centralizada en la casa matriz',
  'No cumplía la especificación técnica',
];

/** Activity subjects per kind: `{person}` a contact's first name, `{offer}` the deal, `{city}` the company's city. */
export const ACTIVITY_SUBJECTS: Readonly<Record<ActivityKind, readonly string[]>> = {
  call: ['Llamada de seguimiento con {person}', 'Confirmar fecha de entrega', 'Llamada: {offer}', 'Consultar estado de la orden de compra'],
  email: ['Envío de cotización: {offer}', 'Ficha técnica solicitada', 'Enviar condiciones comerciales', 'Respuesta a consulta de {person}'],
  meeting: ['Reunión de presentación', 'Revisión de propuesta: {offer}', 'Reunión con el área de compras', 'Negociación de precios con {person}'],
  visit: ['Visita a planta en {city}', 'Demostración en sitio: {offer}', 'Relevamiento técnico en {city}', 'Visita comercial'],
  note: ['Cliente pide descuento por volumen', 'Competidor ofreció menor plazo', 'Cambio de jefe de compras', 'Interés en contrato marco'],
  task: ['Preparar cotización: {offer}', 'Enviar muestras', 'Actualizar datos de facturación', 'Coordinar capacitación de uso'],
};

/** How often each activity kind occurs. */
export const ACTIVITY_KIND_WEIGHTS: readonly (readonly [ActivityKind, number])[] = [
  ['call', 28],
  ['email', 30],
  ['meeting', 14],
  ['visit', 10],
  ['note', 8],
  ['task', 10],
];

/** Short follow-up notes on activities. */
export const ACTIVITY_NOTES = [
  'Quedó en confirmar por correo.',
  'Solicitan precio puesto en obra.',
  'Piden muestras antes de decidir.',
  'El presupuesto se aprueba a fin de mes.',
  'Comparan con dos proveedores más.',
  'Satisfechos con la última entrega.',
];
