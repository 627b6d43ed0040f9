// The API page: this server's OpenAPI document (api/openapi.json) drawn by Swagger UI. Swagger UI's files come from
// this bundle (vendor/swagger-ui, unpacked from the org.webjars:swagger-ui jar at build time) and run under the
// console's Content-Security-Policy as they are: loaded as files, started from this module, no inline script.
// "Try it out" sends the console's access token, read from the session at each request and kept nowhere else; a
// token typed into Swagger UI's own Authorize dialog (an API token) wins over it and lives only in the page's memory.

import { h, replace } from '../dom.js';
import { apiUrl } from '../api.js';
import { session } from '../session.js';
import { pageHeader, loading, errorPanel } from '../ui/page.js';
import { icon } from '../ui/icons.js';

const VENDOR = 'vendor/swagger-ui/';

let swaggerUi = null;

/** @returns {Promise<Function>} SwaggerUIBundle, its script and style sheet added to the page once */
function loadSwaggerUi() {
  if (!swaggerUi) {
    swaggerUi = new Promise((resolve, reject) => {
      document.head.append(h('link', { rel: 'stylesheet', href: VENDOR + 'swagger-ui.css' }));
      const script = document.createElement('script');
      script.src = VENDOR + 'swagger-ui-bundle.js';
      script.onload = () => (window.SwaggerUIBundle ? resolve(window.SwaggerUIBundle)
        : reject(new Error('Swagger UI loaded but did not start')));
      script.onerror = () => {
        swaggerUi = null;
        script.remove();
        reject(new Error('Swagger UI could not be loaded from this server'));
      };
      document.head.append(script);
    });
  }
  return swaggerUi;
}

/** @param {import('../router.js').PageContext} ctx */
export async function render({ view, active }) {
  // Swagger UI draws dark text on its own light ground, in either console theme
  const target = h('div.api-docs', {
    id: 'api-docs',
    style: { background: '#fff', color: '#3b4151', borderRadius: '8px', padding: '.25rem 0', colorScheme: 'light' },
  }, loading('Loading the API description…'));
  view.append(pageHeader('API', {
    actions: [h('a.button', { href: apiUrl('openapi.json'), download: 'arus-openapi.json' }, icon('download'), 'openapi.json')],
  }), h('p.muted', 'Every endpoint of this server with its request and answer. "Try it out" calls the server as you, '
    + 'with your role; changes are real.'), target);
  try {
    const SwaggerUIBundle = await loadSwaggerUi();
    if (!active()) return;
    replace(target);
    const consoleTokenSent = new Set();
    SwaggerUIBundle({
      url: apiUrl('openapi.json'),
      domNode: target,
      deepLinking: false,
      validatorUrl: null,
      defaultModelsExpandDepth: 0,
      docExpansion: 'list',
      persistAuthorization: false,
      requestInterceptor: request => {
        const token = session.accessToken();
        if (token && !request.headers.Authorization) {
          request.headers.Authorization = 'Bearer ' + token;
          consoleTokenSent.add(request.url);
        }
        return request;
      },
      // the access token is short-lived: a 401 to the console's token renews the session, so that Execute works
      // again; a session that cannot be renewed ends as anywhere else in the console
      responseInterceptor: response => {
        if (consoleTokenSent.delete(response.url) && response.status === 401) session.refresh().catch(() => session.expired());
        return response;
      },
    });
  } catch (error) {
    if (active()) replace(target, errorPanel(error, { what: 'the API description' }));
  }
}
