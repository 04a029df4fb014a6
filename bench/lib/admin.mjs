/** The first administrator every bench database gets (created through `firstAdmin`). */
export const ADMIN = { email: 'bench@example.com', password: 'bench-password-123', name: 'Bench' };
