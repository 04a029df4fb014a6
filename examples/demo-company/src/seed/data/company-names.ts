import type { Industry } from '../../entities/company.entity.js';

/**
 * Name templates per industry. `{city}` is the company's city, `{place}` a regional
 * word of its country (`del Pacífico`, `Andina`), `{surname}` a family name of the
 * country and `{saint}` a patron saint, as hospitals and schools are often named.
 */
export const COMPANY_NAME_TEMPLATES: Readonly<Record<Industry, readonly string[]>> = {
  manufacturing: [
    'Metalmecánica {city}', 'Industrias {surname}', 'Plásticos {place}', 'Fundición {surname} Hermanos',
    'Grupo Textil {city}', 'Envases {place}', 'Maestranza {surname}', 'Papelera {place}', 'Química Industrial {place}',
  ],
  retail: [
    'Ferretería {city}', 'Ferretería Los Andes', 'Distribuidora {surname}', 'Comercial {place}',
    'Supermercados {surname}', 'Almacenes {city}', 'Ferretería {surname} e Hijos', 'Mayorista {place}',
  ],
  logistics: [
    'Logística {place}', 'Transportes {surname}', 'Almacenes Generales {city}', 'Cargo Express {city}',
    'Operador Logístico {place}', 'Frío {place}', 'Terminal de Carga {city}',
  ],
  healthcare: [
    'Clínica {saint}', 'Laboratorios {surname}', 'Centro Médico {city}', 'Policlínico {saint}',
    'Droguería {place}', 'Clínica Oftalmológica {city}',
  ],
  energy: [
    'Energía Solar {place}', 'Hidroeléctrica {place}', 'Eólica {place}', 'Combustibles {surname}',
    'Petroservicios {place}', 'Generación Eléctrica {city}',
  ],
  agriculture: [
    'Agroexport {place}', 'Agrícola {surname}', 'Frutícola {place}', 'Viñedos {surname}',
    'Cooperativa Agraria {city}', 'Avícola {place}', 'Agroindustrias {surname}',
  ],
  construction: [
    'Constructora {surname}', 'Inmobiliaria {city}', 'Cementos {place}', 'Ingeniería y Obras {surname}',
    'Concretos {city}', 'Obras Civiles {place}', 'Grupo Constructor {surname}',
  ],
  technology: [
    'Sistemas {place}', 'Tecnología {surname}', 'Soluciones Digitales {city}', 'Automatización Industrial {place}',
    'Redes y Telecomunicaciones {city}', 'Datacenter {place}',
  ],
  education: [
    'Colegio {saint}', 'Instituto Tecnológico {city}', 'Universidad Privada {place}', 'Centro de Formación Técnica {city}',
    'Escuela de Negocios {city}',
  ],
  hospitality: [
    'Hotel {city} Plaza', 'Hoteles {surname}', 'Hostal {saint}', 'Restaurante Casa {surname}',
    'Hotel Boutique {city}', 'Catering {place}',
  ],
};

/** Patron saints used in names of clinics, schools and inns. */
export const SAINTS = ['San Felipe', 'Santa Rosa', 'San Borja', 'San Gabriel', 'Santa María', 'San José', 'San Rafael', 'Santa Teresa', 'San Judas Tadeo'];

/** Industries in proportion to the customer base of an industrial supplier. */
export const INDUSTRY_WEIGHTS: readonly (readonly [Industry, number])[] = [
  ['manufacturing', 22],
  ['construction', 16],
  ['logistics', 12],
  ['retail', 12],
  ['energy', 9],
  ['agriculture', 10],
  ['healthcare', 6],
  ['technology', 5],
  ['education', 4],
  ['hospitality', 4],
];

/** Words left out of web domains. */
export const DOMAIN_STOPWORDS = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e']);

/** Account notes; `{city}` is filled in. */
export const COMPANY_NOTES = [
  'Compra EPP y repuestos cada trimestre; pide factura con orden de compra.',
  'Planta principal en {city}; entregas solo de lunes a viernes hasta las 16:00.',
  'Pago a 60 días. Exigir orden de compra firmada antes de despachar.',
  'Homologación de proveedores vigente hasta fin de año; renovar documentación.',
  'Prefieren marcas europeas en rodamientos; sensibles al plazo de entrega.',
  'Contacto técnico muy involucrado en las pruebas de producto.',
  'Licitaciones anuales en el primer trimestre.',
  'Cliente referido por un distribuidor de {city}.',
];
