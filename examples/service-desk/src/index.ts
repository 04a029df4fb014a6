import { RouteError, Type, defineAction, defineEntity, defineOperation, definePlugin, defineRoute } from '@kith/sdk';

/**
 * An example custom plugin, written against @kith/sdk only: a service desk where a complaint
 * must get a first answer within a few minutes, or it is escalated; and if it is still not
 * resolved after a day, the back office hears about it. Everything a consultant may change
 * (the minutes, the channel, the workflows themselves) is settings or metadata.
 */

export const complaint = defineEntity({
  name: 'complaint',
  label: { en: 'Complaint', es: 'Reclamo' },
  titleField: 'subject',
  ownerField: 'owner',
  fields: {
    subject: { type: 'text', required: true, maxLength: 200 },
    customerEmail: { type: 'email' },
    channel: { type: 'select', options: ['phone', 'email', 'web', 'visit'], default: 'web' },
    priority: { type: 'select', options: ['low', 'normal', 'high'], default: 'normal' },
    status: { type: 'select', required: true, options: ['new', 'answered', 'escalated', 'resolved'], default: 'new' },
    owner: { type: 'user' },
    receivedAt: { type: 'datetime' },
    answeredAt: { type: 'datetime' },
  },
  indexes: [['status', 'receivedAt']],
});

/** What an administrator sets at GET/PUT /api/v1/plugins/service-desk/settings. */
export const Settings = Type.Object({
  /** Where escalations are posted (a chat or paging webhook); none: escalations are only recorded. */
  escalationUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 500 })),
});

/** `service-desk.answerMinutes(priority)`: the first-answer target, usable in rules, formulas and conditions. */
const answerMinutes = defineOperation({ name: 'answerMinutes', fn: (priority) => (priority === 'high' ? 3 : priority === 'low' ? 60 : 15) });

/** `service-desk.page`: posts an escalation to the configured URL, with the step's idempotency key. */
const page = defineAction({
  name: 'page',
  label: 'Page the escalation channel',
  check: (params) => (params.reason === undefined || typeof params.reason === 'string' ? [] : ['"reason" is text']),
  preview: (params, ctx) => ({ wouldPost: { complaint: ctx.record?.id ?? null, reason: params.reason ?? 'escalation' } }),
  run: async (params, ctx) => {
    const { escalationUrl } = await ctx.plugin.settings.get(Settings);
    if (!escalationUrl) return { posted: false, why: 'no escalationUrl setting' };
    const response = await fetch(escalationUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
      body: JSON.stringify({ complaint: ctx.record?.id, subject: ctx.record?.subject, reason: params.reason ?? 'escalation' }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) throw new Error(`the escalation channel answered ${response.status}`);
    return { posted: true, status: response.status };
  },
});

/** GET /api/v1/plugins/service-desk/backlog: open complaints per status, as the caller may see them. */
const backlog = defineRoute({
  method: 'GET',
  path: '/backlog',
  handler: async (_request, ctx) => {
    const counts: Record<string, number> = {};
    for (const status of ['new', 'answered', 'escalated']) {
      const page = await ctx.records.list('complaint', { filter: { status }, limit: 1, count: true });
      counts[status] = page.total ?? 0;
    }
    return counts;
  },
});

/** POST /api/v1/plugins/service-desk/answer/:id: records the first answer (a normal update: rules and permissions apply). */
const answer = defineRoute({
  method: 'POST',
  path: '/answer/:id',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  handler: async (request, ctx) => {
    const current = await ctx.records.get('complaint', request.params.id);
    if (current.status !== 'new' && current.status !== 'escalated') throw new RouteError({ status: 409, code: 'SERVICE_DESK_ALREADY_ANSWERED', message: `Complaint ${request.params.id} is ${String(current.status)}; only a new or escalated one can be answered.` });
    return ctx.records.update('complaint', request.params.id, { status: 'answered', answeredAt: new Date().toISOString() }, current.version as number);
  },
});

/** GET /api/v1/plugins/service-desk/complaints/:id/sla: the first-answer target and where this complaint stands (a record-page panel). */
const sla = defineRoute({
  method: 'GET',
  path: '/complaints/:id/sla',
  params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
  handler: async (request, ctx) => {
    const c = await ctx.records.get('complaint', request.params.id);
    const target = c.priority === 'high' ? 3 : c.priority === 'low' ? 60 : 15;
    const received = typeof c.receivedAt === 'string' ? Date.parse(c.receivedAt) : undefined;
    const answered = typeof c.answeredAt === 'string' ? Date.parse(c.answeredAt) : undefined;
    const minutes = received !== undefined && answered !== undefined ? Math.round((answered - received) / 60_000) : null;
    return { targetMinutes: target, answeredAfterMinutes: minutes, met: minutes === null ? null : minutes <= target };
  },
});

export const serviceDesk = definePlugin({
  id: 'service-desk',
  version: '0.1.0',
  description: 'Complaints answered within minutes, or escalated; the back office hears of those still open after a day.',
  entities: [complaint],
  settings: Settings,
  operations: [answerMinutes],
  actions: [page],
  routes: [backlog, answer, sla],
  ui: {
    menu: [
      { label: { en: 'Complaints', es: 'Reclamos' }, entity: 'complaint', group: 'Service' },
      { label: { en: 'Backlog', es: 'Pendientes' }, route: '/backlog', group: 'Service' },
    ],
    recordPanels: [{ id: 'sla', entity: 'complaint', title: { en: 'Answer time', es: 'Tiempo de respuesta' }, route: '/complaints/:id/sla' }],
  },
  roles: [{ name: 'desk-agent', label: { en: 'Desk agent', es: 'Agente' }, grants: { complaint: { create: 'all', read: 'all', edit: 'all', delete: 'none' } } }],
  rules: [
    {
      name: 'answeredNeedsTime',
      entity: 'complaint',
      condition: { and: [{ '==': [{ var: 'status' }, 'answered'] }, { '!': { var: 'answeredAt' } }] },
      message: { en: 'An answered complaint needs the time of the answer.', es: 'Un reclamo respondido necesita la hora de la respuesta.' },
      fields: ['answeredAt'],
    },
  ],
  workflows: [
    {
      id: 'stamp-received',
      label: 'Stamp when received',
      entity: 'complaint',
      trigger: { type: 'created' },
      condition: { '!': { var: 'record.receivedAt' } },
      actions: [{ type: 'setFields', values: { receivedAt: { formula: { var: 'now' } } } }],
    },
    {
      id: 'escalate-unanswered',
      label: { en: 'Escalate a high-priority complaint not answered in 3 minutes', es: 'Escalar un reclamo urgente sin respuesta en 3 minutos' },
      entity: 'complaint',
      trigger: { type: 'relativeTime', field: 'receivedAt', offsetMinutes: 3 },
      condition: { and: [{ '==': [{ var: 'record.status' }, 'new'] }, { '==': [{ 'service-desk.answerMinutes': [{ var: 'record.priority' }] }, 3] }] },
      actions: [
        { type: 'setFields', values: { status: 'escalated' } },
        { type: 'service-desk.page', params: { reason: 'not answered within 3 minutes' } },
      ],
    },
    {
      id: 'back-office-after-a-day',
      label: 'Tell the back office about complaints open after 24 hours',
      // A consultant points it at the client's back office with PATCH /api/v1/workflows/service-desk.back-office-after-a-day.
      entity: 'complaint',
      trigger: { type: 'relativeTime', field: 'receivedAt', offsetMinutes: 24 * 60 },
      condition: { '!=': [{ var: 'record.status' }, 'resolved'] },
      actions: [{ type: 'email', to: 'backoffice@example.com', subject: 'Open for a day: {{record.subject}}', text: 'Complaint #{{record.id}} ({{record.status}}) from {{record.customerEmail}} is still open.' }],
    },
  ],
});

export default serviceDesk;
