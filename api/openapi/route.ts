import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z, type ZodObject, type ZodType } from 'zod';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import { zodFields } from '../errors';
import { requireApplicant, requireCsrf, requireOfficial, requireOperator, requireSession } from '../session/guards';
import type { Permission, Session } from '../session/types';

/** Who may call a route. */
export type Access = 'public' | 'session' | 'applicant' | 'official' | 'operator';

type AnyObject = ZodObject;
type Infer<S> = S extends ZodType ? z.infer<S> : Record<string, never>;

/**
 * One HTTP route as the OpenAPI document describes it. The same zod schemas validate the request,
 * so the document and the routes cannot drift apart.
 */
export interface RouteSpec<P extends AnyObject | undefined = AnyObject | undefined, Q extends AnyObject | undefined = AnyObject | undefined, B extends AnyObject | undefined = AnyObject | undefined, H extends AnyObject | undefined = AnyObject | undefined> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express template, e.g. `/api/v1/applications/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** Officials' routes: the permission needed besides being an official. */
  permission?: Permission;
  params?: P;
  query?: Q;
  body?: B;
  /** Request headers the route reads, by lower-case name; other headers pass unchecked. */
  headers?: H;
  /** The success answer; `schema` omitted for non-JSON bodies. */
  response: { status: number; description: string; schema?: ZodType; contentType?: string };
  /** Error codes worth naming for this route, beyond the ones its access implies. */
  errors?: ErrorCode[];
  /**
   * `false`: no X-CSRF-Token check, for a tool in another origin that cannot send it (the Temporal Web
   * UI's codec calls). Only for routes that change nothing, behind a CORS policy naming that origin.
   */
  csrf?: false;
}

/** What a handler gets: validated input and the request's session (throws 401 when there is none). */
export interface RouteInput<P, Q, B, H = Record<string, never>> {
  params: P;
  query: Q;
  body: B;
  headers: H;
  req: Request;
  res: Response;
  session(): Session;
}

/** A handler returns the JSON body of the success answer, or sends the answer itself and returns undefined. */
export type RouteHandler<P, Q, B, H> = (input: RouteInput<P, Q, B, H>) => Promise<unknown>;

const ACCESS_GUARDS: Record<Access, (spec: RouteSpec) => RequestHandler[]> = {
  public: () => [],
  session: () => [requireSession, requireCsrf],
  applicant: () => [requireApplicant, requireCsrf],
  official: (spec) => [requireOfficial(spec.permission), requireCsrf],
  operator: () => [requireOperator, requireCsrf],
};

/** An Express router that records the spec of every route it serves. */
export class RouteTable {
  readonly router = Router();
  readonly specs: RouteSpec[] = [];

  add<P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends AnyObject | undefined, H extends AnyObject | undefined = undefined>(
    spec: RouteSpec<P, Q, B, H>,
    handler: RouteHandler<Infer<P>, Infer<Q>, Infer<B>, Infer<H>>,
  ): this {
    this.specs.push(spec as RouteSpec);
    const guards = ACCESS_GUARDS[spec.access](spec as RouteSpec).filter((guard) => spec.csrf !== false || guard !== requireCsrf);
    this.router[spec.method](spec.path, ...guards, async (req, res) => {
      const input = {
        params: parsePart(spec.params, req.params, 'params'),
        query: parsePart(spec.query, req.query, 'query'),
        body: parseBody(spec.body, req.body),
        headers: spec.headers ? parsePart(spec.headers, req.headers, 'headers') : {},
        req,
        res,
        session: () => {
          if (!req.session) throw new AppError(ErrorCode.NOT_AUTHENTICATED, 'Please log in first.');
          return req.session;
        },
      } as RouteInput<Infer<P>, Infer<Q>, Infer<B>, Infer<H>>;
      const result = await handler(input);
      if (!res.headersSent) res.status(spec.response.status).json(result);
    });
    return this;
  }
}

const PART_NAMES = { params: 'path', query: 'query', headers: 'headers' } as const;

function parsePart(schema: AnyObject | undefined, value: unknown, where: keyof typeof PART_NAMES): unknown {
  const result = (schema ?? z.strictObject({})).safeParse(value ?? {});
  if (result.success) return result.data;
  const verb = where === 'headers' ? 'are' : 'is';
  throw new AppError(ErrorCode.VALIDATION_FAILED, `The request's ${PART_NAMES[where]} ${verb} not valid.`, {
    fields: zodFields(result.error, where),
  });
}

function parseBody(schema: AnyObject | undefined, value: unknown): unknown {
  if (!schema) {
    if (value === undefined || (isPlainObject(value) && Object.keys(value).length === 0)) return {};
    throw new AppError(ErrorCode.VALIDATION_FAILED, 'This request takes no body.');
  }
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new AppError(ErrorCode.VALIDATION_FAILED, 'The request body is not valid.', { fields: zodFields(result.error) });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
