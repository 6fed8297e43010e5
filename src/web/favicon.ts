/**
 * The site's icon, a globe with one meridian: browsers ask for /favicon.ico on every first
 * visit, and a 404 there costs a request and a line in the log. Respondent pages link the SVG;
 * the ICO (one 32 px PNG inside) is for browsers that ask by the old name. Both are cached for
 * 30 days.
 */
import type { FastifyInstance } from 'fastify';

export const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#0645ad"/><g fill="none" stroke="#fff" stroke-width="2.4"><ellipse cx="16" cy="16" rx="6" ry="15"/><path d="M16 1v30"/></g></svg>';

/** The same icon drawn at 32 px (by resvg) as an ICO file. */
const faviconIco = Buffer.from(
  'AAABAAEAICAAAAEAIABiBAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAABClJREFUeJzFl19oW1Ucx7+nrOlcC42gbPqSiMXpS/8oTh045yBxL5MmnY+dFXxw6GgHFUEspk4EtbCOMeaDYLc+uiTDvcwEppswdaL986BOpjQvuqFgCk26pl3Ovr/be9Nzk3vbdGz0A7+c3z0J53xzzvece47CHaC1DgNIMzoZwiQjppSawTpZl4DmSLpzqO/xj9+Mte1puW/TJlZVmJtfWjqRvnbhyNjv7xSyMRFUF2sKCHang8ViuR8aA8GWxuDV0y8h2BKQDkER/IXVuZXn50rYfuBrlot5tjxayvQM8+tVUQxfAtF0t0L5qNYIgwz1PoH3GLOFRRw6NoHT7+5gLXDgoys43t+F1uZGfDj+G44wBKUwo9FwuJSJneWjJ4rhSVM0KR0PMLUIb92Cq+N7mcHq5NL0v8h8uotPQPTtS9jV/qAlTtjeex4zN4rMbBQSfqOhGDUEIskvWPTBwPz3j7GDjkdbXQKm/pzFHxRYPQoGY6Vsz2ssXSiGi6ZIalRD9zN1ceXkHnYaxLnLf2N/4ge80PGAS8DFqf9wJvEs9u18mGLy2HHwAr+pQmGYI5GAgUuAzDl0Oc3UBc2HG6l9zIDBz6ZxPHXNU8CheBtG3mhnDbA1fk7MyKwK1RAzPVERIG6fL5YnOO9hVPHyzofwZeI5Zivz6yXA9Mkrie/x1eV/mLkRYy5keh5haqEYFoFoMgGN95nW8PngU+iNhpBjxzL/gpcAQXwQopDxTA6vj/zMGg+MqVgREEn+zyLIqCE78rzlcrNRPwGOWFklkcHvWONJnoa8n+WygM1707vLt8rfMPXEMaDpbj8BzmrxNaJNIxq6ZMe0BPg532EhE+fn8vqvV4DQFE3x0xsFdWwhGx+wBSS/1WyTqSeOAGcFCH4CzJWwugBcXMj27GYp839mglWdTD1xBJgd+Qkw61cTAOjJUnZ/ly0gqVl4Yjbo11E99V7QiFyVZOMFRJOT0Ohg6sk9mQKFKe4FnZaADTfhhi9DOWotojzB1JOfuBG1r3MjmuZG9HS9G5FAI+ZZtDJquAdb8SwNGGTJkbChERNY42U0c71gnfkEPwFyZgxva3aJrcHrZWS9jgvlSQ2E+Ojirr6OgRzNF4YNn1fY0AOJg99UOEas50jma0Bj6B1qBAiBaGqM159XmVZw3C1n/2fYeGjbFpeA3PUifqRIuTOYq6WCUqdKmXgfqvAUIFSPhDm/YrDxbM4loDcSsowqOD6poDBc/c8dfAUI4gmly6PaNqYzCoJcRpyLycGjv+Dk4SeZuTcrNp7TqmHAnPNq+Ju1sUdDrmatcuaTs//c/CKvY438Vq5my7lzZ6D5ZtnyqN+/NqlLgIPsmLycfvJWvO3F5s3uy2nh5tLSB6d+PX8i+deQ7HCsqot1CXCwr+dnGR0MYYrRfSfX89tSzrw/gJm4eQAAAABJRU5ErkJggg==',
  'base64',
);

const cache = 'public, max-age=2592000';

export function faviconRoutes(app: FastifyInstance): void {
  app.get('/favicon.svg', async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', cache).send(faviconSvg),
  );
  app.get('/favicon.ico', async (_request, reply) =>
    reply.type('image/x-icon').header('cache-control', cache).send(faviconIco),
  );
}
