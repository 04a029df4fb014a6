import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAdmin } from '../../acl/role-service.js';
import type { Actor } from '../../data/actor.js';
import type { RecordService } from '../../data/record-service.js';
import type { MetadataRegistry } from '../../metadata/registry.js';
import { ValidationRuleService } from '../../rules/validation-rule-service.js';
import { actorOf } from '../request-context.js';

type EntityParams = { entity: string };
type RuleParams = { entity: string; rule: string };

/** The caller, who must be an administrator: rules are consultants' work, read and changed by them only. */
function admin(request: FastifyRequest, what: string): Actor {
  const actor = actorOf(request);
  requireAdmin(actor.isAdmin, what);
  return actor;
}

/** Validation rules per entity: list, add, change, remove (customisations) and dry-run. */
export function ruleRoutes(server: FastifyInstance, rules: ValidationRuleService): void {
  const base = '/api/v1/metadata/entities/:entity/rules';
  server.get<{ Params: EntityParams }>(base, async (request) => {
    admin(request, 'read validation rules');
    return { data: rules.list(request.params.entity) };
  });
  server.get<{ Params: RuleParams }>(`${base}/:rule`, async (request) => {
    admin(request, 'read validation rules');
    return rules.get(request.params.entity, request.params.rule);
  });
  server.post<{ Params: EntityParams }>(base, async (request, reply) => {
    const rule = await rules.add(request.params.entity, request.body, admin(request, 'add validation rules').userId);
    return reply.status(201).header('location', `/api/v1/metadata/entities/${rule.entity}/rules/${rule.name}`).send(rule);
  });
  server.post<{ Params: EntityParams }>(`${base}/test`, async (request) => {
    return rules.test(request.params.entity, request.body, admin(request, 'test validation rules'));
  });
  server.patch<{ Params: RuleParams }>(`${base}/:rule`, async (request) => {
    return rules.update(request.params.entity, request.params.rule, request.body, admin(request, 'change validation rules').userId);
  });
  server.delete<{ Params: RuleParams }>(`${base}/:rule`, async (request, reply) => {
    await rules.remove(request.params.entity, request.params.rule, admin(request, 'remove validation rules').userId);
    return reply.status(204).send();
  });
}

/** Installs the plugins' base rules and the rule routes (what the kernel calls once, at boot). */
export function registerValidationRules(server: FastifyInstance, registry: MetadataRegistry, records: RecordService): void {
  ruleRoutes(server, new ValidationRuleService(registry, records));
}
