import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppConfig, Clock, requestIdFor } from '@ddp/core';
import { ApiModule } from './api.module';
import { validationPipe } from './http/validation';
import { isApiPath, registerWebUi } from './http/web-ui';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the api (not listening): used by main.ts, `npm start`, the tests and the benchmark. */
export async function createApiApp(config: AppConfig, options: { logger?: boolean; shutdownHooks?: boolean; clock?: Clock } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    logger: false,
    return503OnClosing: true,
    genReqId: requestIdFor,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, { clock: options.clock }), adapter, {
    bufferLogs: true,
    // No urlencoded parser (a cross-site form could post one): Fastify's own JSON parser only.
    bodyParser: false,
    logger: options.logger === false ? false : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: any other body type is a 415 rather than a string handed to the handlers.
  fastify.removeContentTypeParser('text/plain');

  // Security headers from helmet, built once (@fastify/helmet rebuilds its middleware on every request).
  // JSON responses get the strict API policy; only the Swagger UI pages need to load scripts and styles.
  const apiHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const docsHeaders = helmet({
    // No upgrade-insecure-requests: it would break the UI on plain-HTTP installs (e.g. http://localhost:3000).
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], upgradeInsecureRequests: null } },
  });
  // The web portal: its own scripts and styles only (no inline script; inline styles for the
  // component library's style attributes), talking to this origin only.
  const webHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    void reply.header('x-request-id', request.id);
    // Tenant data and tokens must not be kept by browsers or proxies.
    if (request.url.startsWith('/api/v1/')) void reply.header('cache-control', 'no-store');
    const headers = request.url.startsWith('/api/docs') ? docsHeaders : isApiPath(request.url) ? apiHeaders : webHeaders;
    headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  // The web portal's session cookie (read by /auth/browser/*; nothing else uses cookies).
  await app.register(fastifyCookie as never);
  // Uploads are streamed to disk by the handlers (never buffered); limits are set per request.
  await app.register(fastifyMultipart as never, { limits: { fileSize: config.UPLOAD_MAX_MB * 1024 * 1024, files: 1 } });
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: false });

  app.setGlobalPrefix('api/v1', { exclude: [{ path: 'health/live', method: RequestMethod.GET }, { path: 'health/ready', method: RequestMethod.GET }] });
  app.useGlobalPipes(validationPipe());
  if (options.shutdownHooks !== false) app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Supplier Due-Diligence Portal API')
      .setDescription(
        'Public buyers of ICT hardware check human-rights and labour conditions with their suppliers. ' +
          'Every error is RFC 9457 application/problem+json with a stable `code`. A record that is missing and one that is not yours both answer 404.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await registerWebUi(fastify, config.WEB_DIR || undefined);
  return app;
}
