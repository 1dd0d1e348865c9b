package org.cityeval.web.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.annotations.RequireHttpWhiteboard;

/**
 * The dashboard's static files: this bundle's {@code web/} folder served at {@code /*} by the servlet
 * whiteboard's resource support. The more specific {@code /api/*} of the API servlet still wins; the root
 * itself ({@code /}) and folders are handled by {@link WebRootFilter}, because a resource registration maps
 * them to folder entries (an empty 200), not to {@code index.html} or a 404.
 */
@RequireHttpWhiteboard
@Component(service = WebResources.class, property = {
        "osgi.http.whiteboard.resource.pattern=/*",
        "osgi.http.whiteboard.resource.prefix=/web",
        "cityeval.http=web" })
public class WebResources {
}
