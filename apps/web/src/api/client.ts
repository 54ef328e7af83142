import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
import { authFetch } from './session';

/** The typed API client, generated from the API's OpenAPI document (`npm run api:client`). */
export const api = createClient<paths>({ baseUrl: '', fetch: authFetch });

export type Schemas = components['schemas'];
export type Me = Schemas['MeDto'];
export type OrganisationKind = Me['organisation']['kind'];
