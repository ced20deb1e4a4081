import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { appWide } from '../http/app-wide';
import { MAX_CLIENT_FRAME_BYTES } from './frames';

/** WebSocket support for every plugin registered after it (workstation realtime, chat widget). */
export const websockets = () =>
  appWide(async (app: FastifyInstance) => {
    // ws refuses larger frames at the protocol level, before any parsing.
    await app.register(websocket, { options: { maxPayload: MAX_CLIENT_FRAME_BYTES } });
  });
