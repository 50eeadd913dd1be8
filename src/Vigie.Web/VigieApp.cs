using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;
using Vigie.Web.Features;

namespace Vigie.Web;

/// <summary>Builds the web host; used by Program (web and CLI) and by the browser tests (real Kestrel).</summary>
public static class VigieApp
{
    public const long MaxUploadBytes = 20 * 1024 * 1024;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = ResolveContentRoot(),
            ApplicationName = typeof(VigieApp).Assembly.GetName().Name,
        });
        configure?.Invoke(builder);
        builder.AddVigieObservability();
        // Outside Development the host does not read the build's static web assets manifest by itself, so a build output
        // run as "Testing" or "Production" (tests, CLI) would find the pre-compressed variants missing. A published
        // app has no such manifest (its files are in wwwroot) and this is then a no-op.
        builder.WebHost.UseStaticWebAssets();
        // With a build manifest ASP.NET Core would also map a catch-all "/{**path}" file fallback, which would answer
        // unknown URLs (including /api/...) instead of the app's own 404s. Every asset is in the manifest: no fallback.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        var services = builder.Services;
        var config = builder.Configuration;

        // TryAdd: a host built for tests (browser journeys) may register its own settable clock first.
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, TimeProvider.System);
        services.AddHttpContextAccessor();
        // French text is written as is in the HTML, not as numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<Auditor>();
        services.AddScoped<ReadAudit>();
        services.AddOptions<AuditOptions>().Bind(config.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditChain>();
        services.AddHostedService<AuditWorker>();
        services.AddScoped<ContractViewers>();
        services.AddScoped<ContractAccess>();
        services.AddVigieDatabase(config, builder.Environment.ContentRootPath);

        services.AddOptions<MailOptions>().Bind(config.GetSection(MailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptions.Validator>();
        services.AddVigieMailOutbox(config);
        PublicLinks.Register(services, config, builder.Environment);

        services.AddIdentity<AppUser, AppRole>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<VigieClaimsFactory>()
            .AddErrorDescriber<FrenchIdentityErrorDescriber>();

        var requireHttps = config.GetValue("Security:RequireHttps", !builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing"));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = AccountPaths.Login;
            o.LogoutPath = AccountPaths.Logout;
            o.AccessDeniedPath = AccountPaths.AccessDenied;
            o.Cookie.Name = "vigie.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // API callers get status codes, not redirects to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
        var authentication = services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokenAuthentication.SchemeName, null);
        services.AddVigieProConnect(config, authentication);
        services.AddAuthorization(Policies.Configure);
        services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ContractRoleHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, TokenScopeHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "vigie.af";
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        // Issue 9 hardening: encrypted key ring, server-side sessions, reverse-proxy addresses.
        services.AddVigieDataProtection(config, builder.Environment);
        services.AddSingleton<DbTicketStore>();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DbTicketStore>((o, store) => o.SessionStore = store);
        services.AddVigieReverseProxy(config);

        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AuthorizeFolder("/");
            // Anonymous account pages, except those whose PageModel says [Authorize] (my account, 2FA set-up,
            // password change): AllowAnonymousToFolder would override that attribute, [AllowAnonymous] always wins.
            o.Conventions.AddFolderApplicationModelConvention("/Account", page =>
            {
                if (!(page.ModelType ?? page.HandlerType).IsDefined(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), inherit: true))
                    page.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
            });
            o.Conventions.AllowAnonymousToFolder("/Public");
            o.Conventions.AuthorizeFolder("/Admin", Policies.Administrator);
        }).AddMvcOptions(o =>
        {
            // French model-binding messages (the defaults are English).
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((value, _) => $"La valeur « {value} » n'est pas valide.");
            m.SetMissingBindRequiredValueAccessor(_ => "Ce champ est obligatoire.");
            m.SetMissingKeyOrValueAccessor(() => "Ce champ est obligatoire.");
            m.SetMissingRequestBodyRequiredValueAccessor(() => "Le corps de la requête est obligatoire.");
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
            m.SetNonPropertyValueMustBeANumberAccessor(() => "Saisissez un nombre.");
            m.SetUnknownValueIsInvalidAccessor(_ => "La valeur saisie n'est pas valide.");
            m.SetValueIsInvalidAccessor(value => $"La valeur « {value} » n'est pas valide.");
            m.SetValueMustBeANumberAccessor(_ => "Saisissez un nombre.");
            m.SetValueMustNotBeNullAccessor(_ => "Ce champ est obligatoire.");
        });
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = MaxUploadBytes);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            // French text as UTF-8, not \u00e9 escapes; JSON responses are never embedded in HTML.
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.Converters.Add(new TimeOfDayJsonConverter());
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Vigie API";
                doc.Info.Version = "v1";
                doc.Info.Description = "API des contrats locaux de sécurité. Authentification : en-tête « Authorization: Bearer <jeton d'accès personnel> » (voir /api).";
                return Task.CompletedTask;
            });
            ApiDocumentation.Configure(o);
        });
        services.AddVigieRateLimits(config);
        services.AddFeatures(config);

        var app = builder.Build();

        app.UseVigieReverseProxy();
        app.UseExceptionHandler(errorApp => errorApp.Run(HandleException));
        if (requireHttps) app.UseHsts();
        app.UseVigieHttpsOnly(requireHttps);
        app.UseVigieObservability();
        app.UseStatusCodePagesWithReExecute("/erreur/{0}");
        // Under /api an error without a body (unknown route 404, wrong method 405…) answers problem+json, not the HTML page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages(ApiErrorPages.WriteAsync));
        app.UseVigieSecurityHeaders();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Culture.French),
            SupportedCultures = [Culture.French],
            SupportedUICultures = [Culture.French],
        });
        app.UseRouting();
        app.UseFrenchUploadLimit(MaxUploadBytes);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseNoStoreForPrivateAnswers();
        app.UseTwoFactorEnforcement();
        app.UseAuthorization();
        app.UseOutboxRequestFlush();

        // Fingerprinted, pre-compressed (gzip/brotli), long-cached assets; short-circuited in routing so a request for a
        // stylesheet never reaches authentication, the session store or the rate limiter.
        app.MapStaticAssets().ShortCircuit();
        app.MapRazorPages().WithStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapVigieProbes();
        app.MapFeatureApis();
        return app;
    }

    /// <summary>Applies migrations (when configured) and the first-run demo seed. Called before serving.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        // Production runs `migrate` before the app (deploy/systemd), so the schema is usually current: then only the
        // history table is read. MigrateAsync would also rebuild the snapshot's model and diff it with the app's
        // (EF's pending-model-changes check, ≈ 10 % of a cold start: docs/benchmarks.md); MigrationsTests checks that.
        if (sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup && (await db.Database.GetPendingMigrationsAsync()).Any())
            await db.Database.MigrateAsync();
        // WAL: readers keep working while a long import transaction writes (rollback journal would lock them out once the cache spills).
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        await Features.Observatory.IndicatorCatalog.EnsureAsync(db);
        await Features.Admin.Bootstrap.EnsureRolesAsync(sp);
        await Features.ActionPlan.PlanCommandKit.SeedMissingStatusesAsync(db);
        if (app.Configuration.GetValue("Demo:SeedOnFirstRun", false))
            await Features.Admin.DemoSeed.SeedIfEmptyAsync(sp);
    }

    private static Task ApiAwareRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    private static async Task HandleException(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, detail) = error switch
        {
            BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge || bad.InnerException is InvalidDataException =>
                (StatusCodes.Status413PayloadTooLarge, HttpHardening.TooLargeMessage(MaxUploadBytes)),
            BadHttpRequestException bad => (bad.StatusCode, "Requête invalide : " + FrenchBadRequest(bad)),
            InvalidDataException => (StatusCodes.Status400BadRequest, $"Requête invalide : le formulaire envoyé dépasse la taille maximale de {MaxUploadBytes / 1024 / 1024} Mo ou est mal formé."),
            IOException io when IsDiskFull(io) => (StatusCodes.Status507InsufficientStorage, DiskFullMessage),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Cet élément a été modifié entre-temps par quelqu'un d'autre : rechargez la page et recommencez."),
            _ when IsDatabaseUnavailable(error) => (StatusCodes.Status503ServiceUnavailable, DatabaseUnavailableMessage),
            _ => (StatusCodes.Status500InternalServerError, "Une erreur inattendue s'est produite. Elle a été enregistrée ; réessayez plus tard."),
        };
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "5";
        if (context.Request.Path.StartsWithSegments("/api") && error is BadHttpRequestException { InnerException: System.Text.Json.JsonException { Path: { Length: > 2 } path } json })
        {
            // A JSON value that does not fit its field: a 400 naming the field ("$.startTime" → "startTime").
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            var message = json.Message.StartsWith("Heure invalide", StringComparison.Ordinal) ? json.Message : $"La valeur du champ « {field} » n'est pas valide.";
            await TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Données invalides", detail: message).ExecuteAsync(context);
            return;
        }
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(detail: detail, statusCode: status, title: status switch { 500 => "Erreur interne", 507 => "Espace disque insuffisant", _ => "Requête invalide" }).ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Erreur – Vigie</title></head><body><main><h1>Erreur</h1><p>{System.Net.WebUtility.HtmlEncode(detail)}</p><p><a href=\"/\">Retour à l'accueil</a></p></main></body></html>");
    }

    public const string DiskFullMessage = "Le serveur n'a plus assez d'espace disque pour enregistrer ce fichier : rien n'a été enregistré. Prévenez l'administrateur de Vigie, puis réessayez.";

    /// <summary>
    /// A write refused because the disk (or the upload folder's file system, or a quota) is full: a 507 with a French
    /// message, never a 500. The writers delete what they had started (ImportJobQueue), so nothing half-written remains.
    /// </summary>
    public static bool IsDiskFull(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is IOException io && (OperatingSystem.IsWindows()
                    ? (io.HResult & 0xFFFF) is 0x27 or 0x70 // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
                    : io.HResult is 28 or 122)) // ENOSPC, EDQUOT
                return true;
        return false;
    }

    public const string DatabaseUnavailableMessage = "Vigie ne joint pas sa base de données pour un instant (redémarrage ou maintenance) : rien n'a été enregistré, réessayez dans quelques secondes.";

    /// <summary>
    /// Whether the request failed because the database could not be reached (server restarting, connection refused or
    /// dropped, SQLite file busy): a 503 with Retry-After, not a 500 (reliability suite, "PostgreSQL restarted under load").
    /// EF wraps the provider's exception, so the whole chain is read; only the provider's own transient exceptions count,
    /// so a socket error of another service (the OIDC back-channel, say) stays a 500 and is not blamed on the database.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is System.Data.Common.DbException { IsTransient: true }) // Npgsql: socket/IO/timeout; SQLite: busy/locked
                return true;
        return false;
    }

    private static string FrenchBadRequest(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json
            ? $"le corps JSON est invalide ({json.Path ?? "racine"})."
            : bad.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase) ? "le corps JSON est invalide ou absent."
            : "paramètre manquant ou mal formé.";

    private static string ResolveContentRoot()
    {
        // `dotnet run --project src/Vigie.Web` and the test hosts both run from bin/; the content root
        // is the project folder when it can be found, so ./data and wwwroot are stable.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var d = dir; d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Vigie.Web.csproj"))) return d.FullName;
        for (var d = dir; d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "src", "Vigie.Web");
            if (File.Exists(Path.Combine(candidate, "Vigie.Web.csproj"))) return candidate;
        }
        return AppContext.BaseDirectory; // a published build: wwwroot sits beside the binaries
    }
}
