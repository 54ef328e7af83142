import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, Clock } from '@ddp/core';
import { WorkerModule } from './worker.module';

export async function createWorker(config: AppConfig, options: { logger?: boolean; shutdownHooks?: boolean; clock?: Clock; scheduler?: boolean } = {}): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, { clock: options.clock, scheduler: options.scheduler }), { bufferLogs: true, logger: options.logger === false ? false : undefined });
  if (options.logger !== false) worker.useLogger(worker.get(Logger));
  worker.flushLogs();
  if (options.shutdownHooks !== false) worker.enableShutdownHooks();
  return worker;
}
