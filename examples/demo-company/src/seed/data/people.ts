import type { CountryCode } from './countries.js';

/** Given names and surnames common in one country. */
export interface NamePool {
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
}

/** Name pools per country. People carry two surnames in all of these countries. */
export const NAMES: Readonly<Record<CountryCode, NamePool>> = {
  PE: {
    firstNames: ['José', 'Luis', 'Carlos', 'Jorge', 'Juan Carlos', 'Miguel', 'César', 'Víctor', 'Renzo', 'Diego', 'Rosa', 'María', 'Carmen', 'Milagros', 'Patricia', 'Giovanna', 'Lucía', 'Diana', 'Ana María', 'Jessica'],
    lastNames: ['Quispe', 'Flores', 'Sánchez', 'Rodríguez', 'García', 'Rojas', 'Mamani', 'Huamán', 'Chávez', 'Vásquez', 'Ramírez', 'Torres', 'Mendoza', 'Castillo', 'Paredes', 'Salazar', 'Villanueva', 'Zegarra', 'Cárdenas', 'Alarcón'],
  },
  EC: {
    firstNames: ['Andrés', 'Fernando', 'Xavier', 'Santiago', 'Byron', 'Patricio', 'Wilson', 'Esteban', 'Gabriela', 'Verónica', 'Daniela', 'Mónica', 'Paola', 'Karina', 'Fernanda', 'Alexandra', 'Cristina'],
    lastNames: ['Zambrano', 'Vera', 'Cedeño', 'Andrade', 'Mora', 'Chávez', 'Bravo', 'Salazar', 'Cevallos', 'Guerrero', 'Espinoza', 'Intriago', 'Moreira', 'Jaramillo', 'Villacís', 'Proaño'],
  },
  CO: {
    firstNames: ['Juan David', 'Andrés Felipe', 'Carlos Andrés', 'Santiago', 'Alejandro', 'Camilo', 'Jhon Jairo', 'Mauricio', 'Luisa Fernanda', 'Paula Andrea', 'Natalia', 'Diana Marcela', 'Catalina', 'Valentina', 'Sandra', 'Ángela'],
    lastNames: ['Rodríguez', 'Gómez', 'Martínez', 'Restrepo', 'Ospina', 'Giraldo', 'Zapata', 'Cardona', 'Henao', 'Castaño', 'Muñoz', 'Vargas', 'Ramírez', 'Londoño', 'Jaramillo', 'Arango', 'Salazar', 'Rincón'],
  },
  CL: {
    firstNames: ['Cristián', 'Rodrigo', 'Felipe', 'Matías', 'Sebastián', 'Gonzalo', 'Patricio', 'Ignacio', 'Francisca', 'Constanza', 'Camila', 'Javiera', 'Macarena', 'Carolina', 'Valentina', 'Claudia', 'Paulina'],
    lastNames: ['González', 'Muñoz', 'Rojas', 'Díaz', 'Pérez', 'Soto', 'Contreras', 'Silva', 'Martínez', 'Sepúlveda', 'Morales', 'Fuentes', 'Valenzuela', 'Araya', 'Espinoza', 'Tapia', 'Reyes', 'Gutiérrez'],
  },
  MX: {
    firstNames: ['José Luis', 'Juan Manuel', 'Alejandro', 'Francisco', 'Ricardo', 'Eduardo', 'Arturo', 'Rodrigo', 'Guadalupe', 'Verónica', 'Adriana', 'Mariana', 'Fernanda', 'Leticia', 'Alejandra', 'Daniela', 'Sofía'],
    lastNames: ['Hernández', 'García', 'López', 'Martínez', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz', 'Flores', 'Morales', 'Vázquez', 'Jiménez', 'Reyes', 'Gutiérrez', 'Mendoza', 'Aguilar'],
  },
  AR: {
    firstNames: ['Martín', 'Pablo', 'Federico', 'Nicolás', 'Gustavo', 'Diego', 'Hernán', 'Facundo', 'Florencia', 'Agustina', 'Soledad', 'Lorena', 'Romina', 'Mariela', 'Julieta', 'Carolina'],
    lastNames: ['González', 'Rodríguez', 'Fernández', 'López', 'Martínez', 'Gómez', 'Romero', 'Sosa', 'Álvarez', 'Ferreyra', 'Benítez', 'Acosta', 'Giménez', 'Rossi', 'Bianchi', 'Ferrari', 'Medina', 'Herrera'],
  },
  ES: {
    firstNames: ['Javier', 'David', 'Sergio', 'Pablo', 'Alberto', 'Jordi', 'Iñaki', 'Álvaro', 'Laura', 'Marta', 'Cristina', 'Elena', 'Nuria', 'Montserrat', 'Begoña', 'Lucía'],
    lastNames: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Jiménez', 'Navarro', 'Torres', 'Domínguez', 'Vidal', 'Puig', 'Etxeberria', 'Serrano'],
  },
};

/** Job titles; the first few are the people who sign purchase orders. */
export const JOB_TITLES = {
  decisionMakers: ['Gerente General', 'Gerente de Operaciones', 'Jefe de Compras', 'Gerente de Administración y Finanzas', 'Director de Operaciones'],
  others: [
    'Jefe de Mantenimiento', 'Supervisor de Planta', 'Asistente de Logística', 'Analista de Compras', 'Jefe de Almacén',
    'Coordinador de Seguridad Industrial', 'Ingeniero de Proyectos', 'Asistente de Compras', 'Jefe de Producción',
    'Supervisor de Mantenimiento Eléctrico', 'Responsable de Calidad', 'Jefe de Administración',
  ],
} as const;
