/** Andes Industrial Supply's catalogue: what the demo pipeline sells, with list prices. */
export interface ProductSeed {
  readonly code: string;
  readonly name: string;
  readonly family: 'equipment' | 'spare-parts' | 'service' | 'subscription' | 'software' | 'training';
  readonly unit: 'unit' | 'hour' | 'day' | 'month' | 'year' | 'kit' | 'licence';
  /** List price in USD; PEN and EUR prices are derived and rounded like a price list. */
  readonly usd: number;
  readonly taxRate: number;
}

export const PRODUCTS: readonly ProductSeed[] = [
  { code: 'CMP-SR37', name: 'Compresor de tornillo 37 kW', family: 'equipment', unit: 'unit', usd: 18_900, taxRate: 18 },
  { code: 'CMP-SR75', name: 'Compresor de tornillo 75 kW con variador', family: 'equipment', unit: 'unit', usd: 42_500, taxRate: 18 },
  { code: 'SEC-RD200', name: 'Secador refrigerativo 200 cfm', family: 'equipment', unit: 'unit', usd: 4_350, taxRate: 18 },
  { code: 'BMB-CN50', name: 'Bomba centrífuga normalizada 50 m³/h', family: 'equipment', unit: 'unit', usd: 6_780, taxRate: 18 },
  { code: 'BMB-SUM15', name: 'Bomba sumergible para lodos 15 kW', family: 'equipment', unit: 'unit', usd: 9_240, taxRate: 18 },
  { code: 'KIT-MNT37', name: 'Kit de mantenimiento 4.000 h (37 kW)', family: 'spare-parts', unit: 'kit', usd: 1_185, taxRate: 18 },
  { code: 'KIT-MNT75', name: 'Kit de mantenimiento 4.000 h (75 kW)', family: 'spare-parts', unit: 'kit', usd: 2_140, taxRate: 18 },
  { code: 'REP-SELLO', name: 'Sello mecánico para bomba centrífuga', family: 'spare-parts', unit: 'unit', usd: 386.5, taxRate: 18 },
  { code: 'SRV-MP-ANUAL', name: 'Contrato de mantenimiento preventivo anual', family: 'service', unit: 'year', usd: 12_600, taxRate: 18 },
  { code: 'SRV-AUDIT', name: 'Auditoría energética de aire comprimido', family: 'service', unit: 'day', usd: 1_450, taxRate: 18 },
  { code: 'SRV-INST', name: 'Instalación y puesta en marcha', family: 'service', unit: 'hour', usd: 95, taxRate: 18 },
  { code: 'SUB-MONITOR', name: 'Monitoreo remoto de equipos (IoT)', family: 'subscription', unit: 'month', usd: 240, taxRate: 18 },
  { code: 'SW-CMMS', name: 'Licencia de software de mantenimiento (CMMS)', family: 'software', unit: 'licence', usd: 1_980, taxRate: 18 },
  { code: 'TRN-OPER', name: 'Capacitación de operadores (grupo de 10)', family: 'training', unit: 'day', usd: 890, taxRate: 18 },
];

/** Exchange rates for the demo's price lists (rounded list prices, not live rates). */
export const LIST_RATES: Readonly<Record<string, number>> = { USD: 1, PEN: 3.75, EUR: 0.92 };

/** Leads from the last weeks: web forms, fairs, referrals. */
export const LEADS = [
  { first: 'Gabriela', last: 'Ñique', company: 'Pesquera Bahía Norte S.A.C.', jobTitle: 'Jefa de Planta', email: 'gabriela.nique@bahianorte.pe', source: 'web', status: 'new', score: 35 },
  { first: 'Raúl', last: 'Benavides', company: 'Molinera Santa Rosa S.A.', jobTitle: 'Gerente de Producción', email: 'rbenavides@molinerasantarosa.com.pe', source: 'event', status: 'contacted', score: 55 },
  { first: 'Silvia', last: 'Arce', company: 'Laboratorios Farmandina S.A.', jobTitle: 'Ingeniera de Mantenimiento', email: 'silvia.arce@farmandina.com', source: 'referral', status: 'qualified', score: 78 },
  { first: 'Tomás', last: 'Lindqvist', company: 'Nordic Mining Services AB', jobTitle: 'Procurement Lead', email: 'tomas.lindqvist@nordicmining.se', source: 'partner', status: 'contacted', score: 60 },
  { first: 'Paola', last: 'Cárdenas', company: 'Hospital Regional del Sur', jobTitle: 'Jefa de Servicios Generales', email: 'pcardenas@hrsur.gob.pe', source: 'web', status: 'new', score: 20 },
  { first: 'Martín', last: 'Echeverría', company: 'Lácteos Patagonia S.A.', jobTitle: 'Jefe de Mantenimiento', email: 'martin.echeverria@lacteospatagonia.com.ar', source: 'advertising', status: 'qualified', score: 70 },
  { first: 'Diana', last: 'Muñoz', company: 'Cervecería Artesanal Andes', jobTitle: 'Socia fundadora', email: 'diana@cerveceriaandes.pe', source: 'social', status: 'unqualified', score: 10 },
  { first: 'Kevin', last: "O'Brien", company: 'Atlantic Cold Storage Ltd', jobTitle: 'Operations Manager', email: 'kobrien@atlanticcold.ie', source: 'web', status: 'new', score: 40 },
  { first: 'Ximena', last: 'Valdivia', company: 'Minera Altiplano S.A.', jobTitle: 'Superintendente de Mantenimiento', email: 'xvaldivia@mineraaltiplano.pe', source: 'event', status: 'qualified', score: 85 },
  { first: 'Andrés', last: 'Quintero', company: 'Papeles del Cauca S.A.S.', jobTitle: 'Director Técnico', email: 'aquintero@papelescauca.co', source: 'cold-call', status: 'contacted', score: 45 },
] as const;

/** What the team says a deal needs next. */
export const NEXT_STEPS = [
  'Enviar cotización revisada', 'Agendar visita técnica', 'Demostración del monitoreo remoto', 'Esperar aprobación de presupuesto',
  'Reunión con gerencia de operaciones', 'Confirmar fecha de instalación', 'Negociar condiciones de pago',
];
