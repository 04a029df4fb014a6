import { defineEntity } from '@kith/sdk';

/** Where leads come from. */
export const LEAD_SOURCES = ['web', 'referral', 'event', 'cold-call', 'partner', 'advertising', 'social', 'other'] as const;

/**
 * Someone who may buy, not yet qualified. Conversion (POST /leads/:id/convert) creates or links
 * the account, contact and opportunity and records them here, which is the lineage.
 */
export const leadEntity = defineEntity({
  name: 'lead',
  label: { en: 'Lead', es: 'Prospecto' },
  labelPlural: { en: 'Leads', es: 'Prospectos' },
  titleField: 'company',
  ownerField: 'owner',
  fields: {
    name: { type: 'personName', required: true, searchable: true, label: { en: 'Name', es: 'Nombre' } },
    company: { type: 'text', required: true, searchable: true, maxLength: 200, label: { en: 'Company', es: 'Empresa' } },
    jobTitle: { type: 'text', maxLength: 120, label: { en: 'Job title', es: 'Cargo' } },
    email: { type: 'email', searchable: true, label: { en: 'E-mail', es: 'Correo' } },
    phone: { type: 'phone', label: { en: 'Phone', es: 'Teléfono' } },
    website: { type: 'url', label: { en: 'Website', es: 'Web' } },
    industry: { type: 'text', maxLength: 64, label: { en: 'Industry', es: 'Sector' } },
    source: { type: 'select', options: LEAD_SOURCES, label: { en: 'Source', es: 'Origen' } },
    status: { type: 'select', required: true, options: ['new', 'contacted', 'qualified', 'unqualified', 'converted'], default: 'new', label: { en: 'Status', es: 'Estado' } },
    score: { type: 'integer', min: 0, max: 100, label: { en: 'Score', es: 'Puntuación' } },
    estimatedAmount: { type: 'currency', defaultCurrency: 'USD', min: 0, label: { en: 'Estimated amount', es: 'Importe estimado' } },
    owner: { type: 'user', label: { en: 'Owner', es: 'Responsable' } },
    description: { type: 'longText', label: { en: 'Notes', es: 'Notas' } },
    convertedAt: { type: 'datetime', label: { en: 'Converted at', es: 'Convertido el' } },
    convertedAccount: { type: 'relation', target: 'account', inverse: 'convertedLeads', label: { en: 'Converted to account', es: 'Cuenta resultante' } },
    convertedContact: { type: 'relation', target: 'contact', inverse: 'convertedLeads', label: { en: 'Converted to contact', es: 'Contacto resultante' } },
    convertedOpportunity: { type: 'relation', target: 'opportunity', unique: true, label: { en: 'Converted to opportunity', es: 'Oportunidad resultante' } },
  },
  indexes: [['status', 'score'], ['owner', 'status'], ['email']],
});
