/** Countries where Andes Industrial Supply sells. */
export type CountryCode = 'PE' | 'EC' | 'CO' | 'CL' | 'MX' | 'AR' | 'ES';

/**
 * A family of valid E.164 numbers: a fixed prefix (country code, area or mobile
 * prefix, and enough leading digits to stay inside libphonenumber's ranges) plus
 * `digits` free digits.
 */
export interface PhonePlan {
  readonly prefix: string;
  readonly digits: number;
}

/** A city with its first-level region, a central postal code and a landline plan. */
export interface City {
  readonly name: string;
  readonly region: string;
  readonly postalCode: string;
  readonly landline: PhonePlan;
}

/** What the generators need to know about a country. */
export interface Country {
  readonly code: CountryCode;
  readonly name: string;
  /** Share of the customer base. */
  readonly weight: number;
  /** Suffix of company web domains. */
  readonly domainSuffix: string;
  readonly legalForms: readonly string[];
  /** Currencies deals are quoted in, with weights. */
  readonly dealCurrencies: readonly (readonly [string, number])[];
  readonly mobile: readonly PhonePlan[];
  readonly utcOffsetHours: number;
  readonly cities: readonly City[];
  /** Street names common to the country's cities. */
  readonly streets: readonly string[];
  /** Geographic words used in company names; gender-neutral so they fit any noun (`Plásticos del Sur`, `Clínica Austral`). */
  readonly places: readonly string[];
}

const plan = (prefix: string, digits: number): PhonePlan => ({ prefix, digits });

/** The countries, with real cities, regions and phone ranges. */
export const COUNTRIES: readonly Country[] = [
  {
    code: 'PE', name: 'Perú', weight: 30, domainSuffix: 'com.pe',
    legalForms: ['S.A.C.', 'SAC', 'S.A.', 'E.I.R.L.', 'S.R.L.'],
    dealCurrencies: [['PEN', 6], ['USD', 4]],
    mobile: [plan('+519', 8)],
    utcOffsetHours: -5,
    cities: [
      { name: 'Lima', region: 'Lima', postalCode: '15036', landline: plan('+5112', 6) },
      { name: 'Lima', region: 'Lima', postalCode: '15073', landline: plan('+5114', 6) },
      { name: 'Arequipa', region: 'Arequipa', postalCode: '04001', landline: plan('+51542', 5) },
      { name: 'Cusco', region: 'Cusco', postalCode: '08002', landline: plan('+51842', 5) },
      { name: 'Trujillo', region: 'La Libertad', postalCode: '13001', landline: plan('+51442', 5) },
      { name: 'Piura', region: 'Piura', postalCode: '20001', landline: plan('+51732', 5) },
      { name: 'Chiclayo', region: 'Lambayeque', postalCode: '14001', landline: plan('+51742', 5) },
    ],
    streets: ['Av. Javier Prado Este', 'Av. Argentina', 'Av. Los Incas', 'Jr. Junín', 'Av. Ejército', 'Av. Industrial', 'Calle Los Pinos', 'Av. Grau', 'Av. Bolognesi', 'Jr. Ayacucho'],
    places: ['del Pacífico', 'de los Andes', 'del Sur', 'Norte', 'Inca', 'Costa Verde', 'del Centro'],
  },
  {
    code: 'EC', name: 'Ecuador', weight: 10, domainSuffix: 'com.ec',
    legalForms: ['S.A.', 'Cía. Ltda.'],
    dealCurrencies: [['USD', 1]],
    mobile: [plan('+59399', 7), plan('+59398', 7)],
    utcOffsetHours: -5,
    cities: [
      { name: 'Quito', region: 'Pichincha', postalCode: '170150', landline: plan('+59322', 6) },
      { name: 'Guayaquil', region: 'Guayas', postalCode: '090313', landline: plan('+59342', 6) },
      { name: 'Cuenca', region: 'Azuay', postalCode: '010101', landline: plan('+59372', 6) },
    ],
    streets: ['Av. 9 de Octubre', 'Av. Amazonas', 'Av. de los Shyris', 'Av. Francisco de Orellana', 'Calle Larga', 'Av. 10 de Agosto', 'Av. Juan Tanca Marengo'],
    places: ['del Pacífico', 'de los Andes', 'del Litoral', 'del Austro', 'Equinoccial'],
  },
  {
    code: 'CO', name: 'Colombia', weight: 14, domainSuffix: 'com.co',
    legalForms: ['S.A.S.', 'S.A.S.', 'S.A.', 'Ltda.'],
    dealCurrencies: [['COP', 8], ['USD', 2]],
    mobile: [plan('+57300', 7), plan('+57310', 7), plan('+57315', 7), plan('+57320', 7)],
    utcOffsetHours: -5,
    cities: [
      { name: 'Bogotá', region: 'Bogotá D.C.', postalCode: '110221', landline: plan('+576015', 6) },
      { name: 'Medellín', region: 'Antioquia', postalCode: '050021', landline: plan('+576044', 6) },
      { name: 'Cali', region: 'Valle del Cauca', postalCode: '760042', landline: plan('+576024', 6) },
      { name: 'Barranquilla', region: 'Atlántico', postalCode: '080020', landline: plan('+576053', 6) },
    ],
    streets: ['Carrera 7', 'Calle 26', 'Avenida El Poblado', 'Carrera 15', 'Calle 80', 'Avenida Boyacá', 'Carrera 43A', 'Calle 72'],
    places: ['del Caribe', 'de los Andes', 'del Pacífico', 'de Antioquia', 'del Valle', 'del Eje Cafetero'],
  },
  {
    code: 'CL', name: 'Chile', weight: 12, domainSuffix: 'cl',
    legalForms: ['SpA', 'S.A.', 'Ltda.'],
    dealCurrencies: [['USD', 1]],
    mobile: [plan('+5692', 7), plan('+5698', 7)],
    utcOffsetHours: -3,
    cities: [
      { name: 'Santiago', region: 'Región Metropolitana', postalCode: '7550000', landline: plan('+56224', 6) },
      { name: 'Valparaíso', region: 'Valparaíso', postalCode: '2340000', landline: plan('+56322', 6) },
      { name: 'Antofagasta', region: 'Antofagasta', postalCode: '1240000', landline: plan('+56552', 6) },
      { name: 'Concepción', region: 'Biobío', postalCode: '4030000', landline: plan('+56412', 6) },
    ],
    streets: ['Av. Apoquindo', 'Av. Providencia', 'Av. Libertador Bernardo O’Higgins', 'Av. Brasil', 'Av. Grecia', 'Calle Prat', 'Av. Vicuña Mackenna', 'Av. Pedro de Valdivia'],
    places: ['Atacama', 'Austral', 'del Pacífico', 'de los Andes', 'del Biobío', 'Patagonia'],
  },
  {
    code: 'MX', name: 'México', weight: 12, domainSuffix: 'com.mx',
    legalForms: ['S.A. de C.V.', 'S. de R.L. de C.V.', 'S.A.P.I. de C.V.'],
    dealCurrencies: [['USD', 1]],
    mobile: [plan('+5255', 8), plan('+5281', 8), plan('+5233', 8)],
    utcOffsetHours: -6,
    cities: [
      { name: 'Ciudad de México', region: 'Ciudad de México', postalCode: '06600', landline: plan('+5255', 8) },
      { name: 'Monterrey', region: 'Nuevo León', postalCode: '64000', landline: plan('+5281', 8) },
      { name: 'Guadalajara', region: 'Jalisco', postalCode: '44100', landline: plan('+5233', 8) },
      { name: 'Puebla', region: 'Puebla', postalCode: '72000', landline: plan('+52222', 7) },
    ],
    streets: ['Paseo de la Reforma', 'Av. Insurgentes Sur', 'Av. Constitución', 'Av. Vallarta', 'Calzada de Tlalpan', 'Av. Revolución', 'Blvd. Díaz Ordaz', 'Av. Juárez'],
    places: ['del Bajío', 'del Norte', 'Azteca', 'del Golfo', 'del Pacífico', 'del Sureste'],
  },
  {
    code: 'AR', name: 'Argentina', weight: 8, domainSuffix: 'com.ar',
    legalForms: ['S.A.', 'S.R.L.', 'S.A.S.'],
    dealCurrencies: [['USD', 1]],
    mobile: [plan('+549114', 7), plan('+549115', 7), plan('+549116', 7)],
    utcOffsetHours: -3,
    cities: [
      { name: 'Buenos Aires', region: 'Ciudad Autónoma de Buenos Aires', postalCode: 'C1043', landline: plan('+54114', 7) },
      { name: 'Córdoba', region: 'Córdoba', postalCode: 'X5000', landline: plan('+543514', 6) },
      { name: 'Rosario', region: 'Santa Fe', postalCode: 'S2000', landline: plan('+543414', 6) },
      { name: 'Mendoza', region: 'Mendoza', postalCode: 'M5500', landline: plan('+542614', 6) },
    ],
    streets: ['Av. Corrientes', 'Av. Santa Fe', 'Av. Córdoba', 'Av. Belgrano', 'Calle San Martín', 'Av. Colón', 'Bv. Oroño', 'Av. Rivadavia'],
    places: ['del Plata', 'Pampa', 'de Cuyo', 'del Litoral', 'Patagonia', 'Austral'],
  },
  {
    code: 'ES', name: 'España', weight: 14, domainSuffix: 'es',
    legalForms: ['S.L.', 'S.L.', 'S.A.'],
    dealCurrencies: [['EUR', 1]],
    mobile: [plan('+346', 8)],
    utcOffsetHours: 1,
    cities: [
      { name: 'Madrid', region: 'Comunidad de Madrid', postalCode: '28014', landline: plan('+34915', 6) },
      { name: 'Barcelona', region: 'Cataluña', postalCode: '08013', landline: plan('+34932', 6) },
      { name: 'Sevilla', region: 'Andalucía', postalCode: '41001', landline: plan('+34954', 6) },
      { name: 'Valencia', region: 'Comunitat Valenciana', postalCode: '46002', landline: plan('+34963', 6) },
      { name: 'Bilbao', region: 'País Vasco', postalCode: '48001', landline: plan('+34944', 6) },
    ],
    streets: ['Calle de Alcalá', 'Gran Vía', 'Avinguda Diagonal', 'Calle Sierpes', 'Carrer de Balmes', 'Avenida de la Constitución', 'Calle Colón', 'Alameda de Recalde'],
    places: ['del Mediterráneo', 'del Cantábrico', 'Levante', 'del Sur', 'de Castilla', 'del Ebro'],
  },
];

