import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createGroupSchema,
  groupListSchema,
  groupMemberListSchema,
  groupMemberSchema,
  groupSchema,
  linkZaloGroupSchema,
} from '../../../contracts/broadcasts.js';
import { idSchema } from '../../../contracts/common.js';
import type { AppContext } from '../../context.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { auditActor } from '../accounts/accounts.service.js';
import * as service from './groups.service.js';

const unitParams = z.object({ unitId: idSchema });
const groupParams = z.object({ groupId: idSchema });

/** Officers: a unit's residential groups and their members. */
export function groupsConsoleRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const tags = ['console: residential groups'];
  return async (app) => {
    app.get(
      '/units/:unitId/groups',
      {
        schema: {
          tags,
          summary: "The unit's residential groups",
          params: unitParams,
          response: { 200: groupListSchema },
        },
      },
      async (request) => service.listGroups(ctx, requireActor(request), request.params.unitId),
    );

    app.post(
      '/units/:unitId/groups',
      {
        schema: {
          tags,
          summary: 'Create a residential group (tổ dân phố / thôn; the owner)',
          params: unitParams,
          body: createGroupSchema,
          response: { 201: groupSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const audit = auditActor(actor, requestMeta(request));
        return reply.code(201).send(await service.createGroup(ctx, actor, audit, request.params.unitId, request.body));
      },
    );

    app.get(
      '/groups/:groupId/members',
      {
        schema: {
          tags,
          summary: 'Residents who joined the group',
          params: groupParams,
          response: { 200: groupMemberListSchema },
        },
      },
      async (request) => service.listMembers(ctx, requireActor(request), request.params.groupId),
    );

    app.put(
      '/groups/:groupId/zalo',
      {
        schema: {
          tags,
          summary: "Link the group to its Zalo group (GMF): the group's posts are also sent there",
          params: groupParams,
          body: linkZaloGroupSchema,
          response: { 200: groupSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const audit = auditActor(actor, requestMeta(request));
        return service.linkZaloGroup(ctx, actor, audit, request.params.groupId, request.body.zaloGroupId);
      },
    );

    app.delete(
      '/groups/:groupId/zalo',
      {
        schema: {
          tags,
          summary: 'Unlink the group from its Zalo group',
          params: groupParams,
          response: { 200: groupSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const audit = auditActor(actor, requestMeta(request));
        return service.unlinkZaloGroup(ctx, actor, audit, request.params.groupId);
      },
    );

    app.post(
      '/groups/:groupId/members/:residentId/confirm',
      {
        schema: {
          tags,
          summary: 'Confirm that a resident who joined belongs to the group',
          params: groupParams.extend({ residentId: idSchema }),
          response: { 200: groupMemberSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const audit = auditActor(actor, requestMeta(request));
        return service.confirmMember(ctx, actor, audit, request.params.groupId, request.params.residentId);
      },
    );
  };
}
