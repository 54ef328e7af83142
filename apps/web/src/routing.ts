import type { RouteObject } from 'react-router';

/**
 * The routes of one feature (`features/<name>/routes.tsx` exports `routes`): `public` pages are
 * reachable without a session, `app` pages inside the signed-in layout. Every feature's file is
 * picked up by app.tsx; pages are lazy, so each is its own chunk.
 */
export interface FeatureRoutes {
  public?: RouteObject[];
  app?: RouteObject[];
}
