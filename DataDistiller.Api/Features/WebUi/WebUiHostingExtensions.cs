using Microsoft.Net.Http.Headers;

namespace DataDistiller.Api.Features.WebUi;

/// <summary>
/// Serves the web UI: a static single-page app (plain HTML, CSS and JavaScript modules in wwwroot) at <c>/</c>.
/// Static files with no build step: nothing to install or compile for users and CI, it works offline, it is on the same
/// origin as the API (no CORS), and the browser test drives exactly the files that ship.
/// </summary>
public static class WebUiHostingExtensions
{
    public static WebApplication UseWebUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // The files carry no version in their names, so the browser revalidates (ETag) instead of running a stale module.
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
        });
        return app;
    }
}
