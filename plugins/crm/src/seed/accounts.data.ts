/**
 * The customers and prospects of Andes Industrial Supply (the demo company: a distributor of
 * compressors, pumps, spare parts and maintenance services in Latin America and Spain). Fictional
 * companies with the shape of real ones: legal forms, tax ids, head offices, people.
 */
export interface AccountSeed {
  readonly key: string;
  readonly name: string;
  readonly type: 'prospect' | 'customer' | 'partner';
  readonly industry: string;
  readonly size: 'micro' | 'small' | 'medium' | 'large' | 'enterprise';
  readonly employees: number;
  readonly revenue: { amount: number; currency: string };
  readonly domain: string;
  readonly phone: string;
  readonly taxId: string;
  readonly address: { street: string; city: string; postalCode?: string; region?: string; country: string };
  readonly parent?: string;
  /** Index into the demo owners. */
  readonly owner: number;
  readonly contacts: readonly ContactSeed[];
}

export interface ContactSeed {
  readonly first: string;
  readonly last: string;
  readonly jobTitle: string;
  readonly role: string;
  readonly phone?: string;
  readonly language: 'es' | 'en' | 'pt';
  readonly consent?: 'email' | 'email+phone';
}

export const ACCOUNTS: readonly AccountSeed[] = [
  {
    key: 'pacasmayo', name: 'Cementos del Norte S.A.A.', type: 'customer', industry: 'construction', size: 'enterprise', employees: 2100,
    revenue: { amount: 480_000_000, currency: 'USD' }, domain: 'cementosdelnorte.com.pe', phone: '+51 44 485 200', taxId: '20419387658',
    address: { street: 'Av. Larco 1150', city: 'Trujillo', postalCode: '13001', region: 'La Libertad', country: 'PE' }, owner: 0,
    contacts: [
      { first: 'Rosa', last: 'Villanueva Castro', jobTitle: 'Jefa de Mantenimiento', role: 'technical-buyer', phone: '+51 987 321 654', language: 'es', consent: 'email+phone' },
      { first: 'Jorge', last: 'Salazar Montes', jobTitle: 'Gerente de Operaciones', role: 'decision-maker', language: 'es', consent: 'email' },
      { first: 'Lucía', last: 'Paredes', jobTitle: 'Compradora senior', role: 'economic-buyer', phone: '+51 955 102 338', language: 'es' },
    ],
  },
  {
    key: 'minera', name: 'Minera Cordillera Blanca S.A.', type: 'customer', industry: 'mining', size: 'enterprise', employees: 3400,
    revenue: { amount: 1_250_000_000, currency: 'USD' }, domain: 'mineracordillera.pe', phone: '+51 1 611 4000', taxId: '20100128056',
    address: { street: 'Calle Las Begonias 441, piso 9', city: 'Lima', postalCode: '15046', region: 'Lima', country: 'PE' }, owner: 0,
    contacts: [
      { first: 'Ricardo', last: 'Huamán Quispe', jobTitle: 'Superintendente de Planta', role: 'decision-maker', phone: '+51 944 870 122', language: 'es', consent: 'email' },
      { first: 'Carmen', last: 'Rojas', jobTitle: 'Analista de Abastecimiento', role: 'economic-buyer', language: 'es', consent: 'email' },
      { first: 'Andrew', last: 'McKenzie', jobTitle: 'VP Operations', role: 'influencer', language: 'en' },
    ],
  },
  {
    key: 'minera-sur', name: 'Minera Cordillera Blanca – Unidad Sur', type: 'customer', industry: 'mining', size: 'large', employees: 640,
    revenue: { amount: 210_000_000, currency: 'USD' }, domain: 'sur.mineracordillera.pe', phone: '+51 54 380 210', taxId: '20100128137',
    address: { street: 'Carretera Arequipa–Yura km 12', city: 'Arequipa', region: 'Arequipa', country: 'PE' }, parent: 'minera', owner: 1,
    contacts: [{ first: 'Edwin', last: 'Condori Mamani', jobTitle: 'Jefe de Mantenimiento Mecánico', role: 'technical-buyer', phone: '+51 958 447 210', language: 'es', consent: 'email+phone' }],
  },
  {
    key: 'agroandina', name: 'Agroindustrias Andina S.A.C.', type: 'customer', industry: 'agriculture', size: 'large', employees: 820,
    revenue: { amount: 96_000_000, currency: 'USD' }, domain: 'agroandina.com.pe', phone: '+51 56 532 110', taxId: '20494099152',
    address: { street: 'Panamericana Sur km 299', city: 'Ica', region: 'Ica', country: 'PE' }, owner: 1,
    contacts: [
      { first: 'María Elena', last: 'Torres', jobTitle: 'Gerente de Planta de Empaque', role: 'decision-maker', phone: '+51 956 220 781', language: 'es', consent: 'email' },
      { first: 'Óscar', last: 'Ramírez Lujan', jobTitle: 'Supervisor de Frío', role: 'user', language: 'es' },
    ],
  },
  {
    key: 'frio', name: 'Frío Pacífico Logística S.A.C.', type: 'prospect', industry: 'logistics', size: 'medium', employees: 190,
    revenue: { amount: 31_000_000, currency: 'USD' }, domain: 'friopacifico.pe', phone: '+51 1 577 3020', taxId: '20601457781',
    address: { street: 'Av. Néstor Gambetta 6429', city: 'Callao', region: 'Callao', country: 'PE' }, owner: 2,
    contacts: [
      { first: 'Daniela', last: 'Chávez', jobTitle: 'Jefa de Operaciones', role: 'decision-maker', phone: '+51 912 660 040', language: 'es', consent: 'email' },
      { first: 'Luis Alberto', last: 'Medina', jobTitle: 'Técnico de Refrigeración', role: 'technical-buyer', language: 'es' },
    ],
  },
  {
    key: 'clinica', name: 'Clínica San Gabriel', type: 'customer', industry: 'healthcare', size: 'medium', employees: 410,
    revenue: { amount: 58_000_000, currency: 'PEN' }, domain: 'clinicasangabriel.pe', phone: '+51 1 614 7000', taxId: '20338054115',
    address: { street: 'Av. La Marina 2955', city: 'Lima', postalCode: '15088', region: 'Lima', country: 'PE' }, owner: 2,
    contacts: [{ first: 'Patricia', last: 'Gamarra', jobTitle: 'Jefa de Ingeniería Clínica', role: 'technical-buyer', phone: '+51 998 114 552', language: 'es', consent: 'email' }],
  },
  {
    key: 'textil', name: 'Textiles del Valle E.I.R.L.', type: 'prospect', industry: 'manufacturing', size: 'small', employees: 45,
    revenue: { amount: 8_400_000, currency: 'PEN' }, domain: 'textilesdelvalle.com', phone: '+51 64 231 870', taxId: '20568741230',
    address: { street: 'Jr. Ancash 640', city: 'Huancayo', region: 'Junín', country: 'PE' }, owner: 1,
    contacts: [{ first: 'Alfredo', last: 'Poma', jobTitle: 'Gerente General', role: 'decision-maker', phone: '+51 964 503 118', language: 'es' }],
  },
  {
    key: 'bebidas', name: 'Embotelladora Los Andes S.A.', type: 'customer', industry: 'food-beverage', size: 'large', employees: 950,
    revenue: { amount: 140_000_000, currency: 'USD' }, domain: 'embotelladoralosandes.com', phone: '+593 2 398 0400', taxId: '1790012345001',
    address: { street: 'Av. Eloy Alfaro N35-09', city: 'Quito', postalCode: '170135', region: 'Pichincha', country: 'EC' }, owner: 0,
    contacts: [
      { first: 'Santiago', last: 'Andrade', jobTitle: 'Gerente de Mantenimiento', role: 'decision-maker', phone: '+593 99 812 4410', language: 'es', consent: 'email+phone' },
      { first: 'Verónica', last: 'Cevallos', jobTitle: 'Compras Técnicas', role: 'economic-buyer', language: 'es', consent: 'email' },
    ],
  },
  {
    key: 'camaronera', name: 'Camaronera Golfo Azul S.A.', type: 'prospect', industry: 'agriculture', size: 'medium', employees: 230,
    revenue: { amount: 44_000_000, currency: 'USD' }, domain: 'golfoazul.ec', phone: '+593 4 260 1180', taxId: '0992345678001',
    address: { street: 'Km 6.5 Vía Daule', city: 'Guayaquil', region: 'Guayas', country: 'EC' }, owner: 2,
    contacts: [{ first: 'Fernando', last: 'Mora Vélez', jobTitle: 'Jefe de Planta', role: 'decision-maker', phone: '+593 98 765 1122', language: 'es' }],
  },
  {
    key: 'energia', name: 'Energía Renovable del Caribe S.A.S.', type: 'customer', industry: 'energy', size: 'medium', employees: 160,
    revenue: { amount: 210_000_000_000, currency: 'COP' }, domain: 'ercaribe.co', phone: '+57 605 385 1200', taxId: '901234567-1',
    address: { street: 'Carrera 53 No. 82-86', city: 'Barranquilla', region: 'Atlántico', country: 'CO' }, owner: 3,
    contacts: [
      { first: 'Camila', last: 'Restrepo', jobTitle: 'Directora de Operación y Mantenimiento', role: 'decision-maker', phone: '+57 300 412 7788', language: 'es', consent: 'email' },
      { first: 'Julián', last: 'Ospina', jobTitle: 'Ingeniero de Confiabilidad', role: 'technical-buyer', language: 'es' },
    ],
  },
  {
    key: 'flores', name: 'Flores de la Sabana Ltda.', type: 'prospect', industry: 'agriculture', size: 'medium', employees: 300,
    revenue: { amount: 62_000_000_000, currency: 'COP' }, domain: 'floresdelasabana.co', phone: '+57 601 862 4400', taxId: '860045123-7',
    address: { street: 'Km 2 Vía Madrid–Facatativá', city: 'Madrid', region: 'Cundinamarca', country: 'CO' }, owner: 3,
    contacts: [{ first: 'Natalia', last: 'Gómez Pardo', jobTitle: 'Gerente Administrativa', role: 'economic-buyer', language: 'es', consent: 'email' }],
  },
  {
    key: 'puerto', name: 'Terminal Portuario de San Antonio S.A.', type: 'customer', industry: 'logistics', size: 'large', employees: 780,
    revenue: { amount: 180_000_000, currency: 'USD' }, domain: 'tpsa.cl', phone: '+56 35 221 2000', taxId: '96.908.970-K',
    address: { street: 'Av. Ramón Barros Luco 1613', city: 'San Antonio', region: 'Valparaíso', country: 'CL' }, owner: 0,
    contacts: [
      { first: 'Cristóbal', last: 'Fuentes', jobTitle: 'Gerente de Mantenimiento', role: 'decision-maker', phone: '+56 9 8765 4321', language: 'es', consent: 'email' },
      { first: 'Francisca', last: 'Soto', jobTitle: 'Jefa de Adquisiciones', role: 'economic-buyer', language: 'es' },
    ],
  },
  {
    key: 'vina', name: 'Viña Valle del Maipo SpA', type: 'prospect', industry: 'food-beverage', size: 'small', employees: 70,
    revenue: { amount: 9_800_000_000, currency: 'CLP' }, domain: 'vinavallemaipo.cl', phone: '+56 2 2821 5500', taxId: '76.543.210-3',
    address: { street: 'Camino El Volcán 3300', city: 'Puente Alto', region: 'Metropolitana', country: 'CL' }, owner: 3,
    contacts: [{ first: 'Ignacio', last: 'Errázuriz', jobTitle: 'Enólogo jefe', role: 'influencer', language: 'es' }],
  },
  {
    key: 'acero', name: 'Aceros Monterrey Industrial S.A. de C.V.', type: 'customer', industry: 'manufacturing', size: 'enterprise', employees: 1800,
    revenue: { amount: 6_200_000_000, currency: 'MXN' }, domain: 'acerosmonterrey.mx', phone: '+52 81 8150 2200', taxId: 'AMI0102034K5',
    address: { street: 'Av. Constitución 405 Pte.', city: 'Monterrey', postalCode: '64000', region: 'Nuevo León', country: 'MX' }, owner: 3,
    contacts: [
      { first: 'Alejandro', last: 'Garza Treviño', jobTitle: 'Director de Planta', role: 'decision-maker', phone: '+52 81 1234 5678', language: 'es', consent: 'email' },
      { first: 'Mariana', last: 'Cantú', jobTitle: 'Gerente de Compras', role: 'economic-buyer', language: 'es', consent: 'email' },
      { first: 'Héctor', last: 'Villarreal', jobTitle: 'Jefe de Mantenimiento', role: 'technical-buyer', language: 'es' },
    ],
  },
  {
    key: 'hotel', name: 'Hoteles Costa Dorada S.L.', type: 'prospect', industry: 'hospitality', size: 'large', employees: 520,
    revenue: { amount: 74_000_000, currency: 'EUR' }, domain: 'costadorada-hoteles.es', phone: '+34 971 78 45 00', taxId: 'B07654321',
    address: { street: 'Passeig Marítim 12', city: 'Palma', postalCode: '07014', region: 'Illes Balears', country: 'ES' }, owner: 0,
    contacts: [{ first: 'Núria', last: 'Puig Ferrer', jobTitle: 'Directora de Servicios Técnicos', role: 'decision-maker', phone: '+34 611 23 45 67', language: 'es', consent: 'email' }],
  },
  {
    key: 'bodega', name: 'Bodegas Ribera Alta S.A.', type: 'customer', industry: 'food-beverage', size: 'medium', employees: 140,
    revenue: { amount: 38_000_000, currency: 'EUR' }, domain: 'riberaalta.es', phone: '+34 947 50 12 00', taxId: 'A09123456',
    address: { street: 'Ctra. de Roa km 3', city: 'Aranda de Duero', postalCode: '09400', region: 'Burgos', country: 'ES' }, owner: 3,
    contacts: [
      { first: 'Javier', last: 'Martín Lozano', jobTitle: 'Director de Producción', role: 'decision-maker', language: 'es', consent: 'email' },
      { first: 'Elena', last: 'Sanz', jobTitle: 'Responsable de Compras', role: 'economic-buyer', phone: '+34 622 98 76 54', language: 'es' },
    ],
  },
  {
    key: 'gulf', name: 'Gulf Desalination Services W.L.L.', type: 'prospect', industry: 'energy', size: 'medium', employees: 260,
    revenue: { amount: 21_000_000, currency: 'KWD' }, domain: 'gulfdesal.com.kw', phone: '+965 2224 5500', taxId: 'KW-384721',
    address: { street: 'Shuwaikh Industrial Area, Block 2', city: 'Kuwait City', country: 'KW' }, owner: 0,
    contacts: [{ first: 'Omar', last: 'Al-Sabah', jobTitle: 'Maintenance Director', role: 'decision-maker', language: 'en', consent: 'email' }],
  },
  {
    key: 'nippon', name: 'Nippon Pump Trading K.K.', type: 'partner', industry: 'manufacturing', size: 'medium', employees: 120,
    revenue: { amount: 3_400_000_000, currency: 'JPY' }, domain: 'nipponpump.co.jp', phone: '+81 3 5555 0123', taxId: 'JP-1010401099999',
    address: { street: '2-7-1 Marunouchi, Chiyoda-ku', city: 'Tokyo', postalCode: '100-0005', country: 'JP' }, owner: 3,
    contacts: [{ first: 'Kenji', last: 'Watanabe', jobTitle: 'Export Sales Manager', role: 'influencer', language: 'en', consent: 'email' }],
  },
];

/** How activities are written: subject templates per type, in Spanish as the team writes them. */
export const ACTIVITY_TEMPLATES = {
  call: ['Llamada de seguimiento de cotización', 'Consulta por repuestos de compresor', 'Llamada para agendar visita técnica', 'Reclamo por demora en entrega'],
  email: ['Envío de ficha técnica', 'Propuesta de contrato de mantenimiento', 'Confirmación de orden de compra', 'Envío de certificado de calibración'],
  meeting: ['Reunión de revisión trimestral', 'Presentación de solución de aire comprimido', 'Negociación de condiciones comerciales'],
  visit: ['Visita técnica a planta', 'Auditoría energética de aire comprimido', 'Inspección de bombas centrífugas'],
  note: ['Cliente evalúa cambiar de proveedor', 'Presupuesto aprobado para el próximo trimestre', 'Nuevo jefe de mantenimiento desde este mes'],
  task: ['Preparar cotización de repuestos', 'Enviar plan de mantenimiento preventivo', 'Coordinar instalación con el área de proyectos'],
} as const;
