/**
 * The console's static assets (pages, scripts, styles, message catalogues) from
 * {@code src/main/resources/web/}: {@link io.minewatch.server.web.StaticAssets} answers {@code /},
 * {@code /m/}, {@code /assets/...} and {@code /i18n/...} with content types, ETags and the
 * security headers of {@link io.minewatch.server.web.ConsoleHeaders}.
 */
package io.minewatch.server.web;
