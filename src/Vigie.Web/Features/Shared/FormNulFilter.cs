using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Vigie.Web.Features.Shared;

/// <summary>
/// The pages' counterpart of <see cref="ValidationFilter"/>'s NUL check (issue 16, hostile input): a form post whose field
/// names, values or uploaded file names hold the NUL character (<c>\u0000</c>) never reaches its handler — PostgreSQL text
/// columns cannot store it, so the save would end in a 500, and a handler that clears the model state would not see an
/// error added to it. The person is sent back to the form page (a redirect to its GET) with a French message naming the field in the
/// layout's error banner; nothing is saved. Registered once for every page (<see cref="SharedRegistration"/>).
/// </summary>
public sealed class FormNulFilter(IModelMetadataProvider metadata) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || !request.HasFormContentType
            || FindField(await request.ReadFormAsync(context.HttpContext.RequestAborted)) is not { } field)
        {
            await next();
            return;
        }
        var label = Label(context.HandlerInstance.GetType(), field);
        if (context.HandlerInstance is PageModel page)
            page.TempData["FlashError"] = Message(label);
        else if (context.HandlerInstance is PageBase view)
            view.TempData["FlashError"] = Message(label);
        // Back to the form page itself (the same path and query, without the handler), as a GET.
        var query = QueryString.Create(request.Query.Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase) && !q.Value.ToString().Contains('\0')));
        context.Result = new LocalRedirectResult(request.PathBase + request.Path + query) { PreserveMethod = false };
        context.HttpContext.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>The French message naming the field (its display name, else its form name).</summary>
    public static string Message(string label) =>
        $"Le champ « {label} » contient un caractère nul (\\u0000), qui n'est pas accepté : rien n'a été enregistré. Retirez ce caractère et enregistrez de nouveau.";

    /// <summary>The form name of the first field whose name or value (or uploaded file name) holds U+0000, or null.</summary>
    public static string? FindField(IFormCollection form)
    {
        foreach (var (key, values) in form)
        {
            if (key.Contains('\0')) return key.Replace("\0", "", StringComparison.Ordinal);
            foreach (var v in values)
                if (v is not null && v.Contains('\0')) return key;
        }
        foreach (var file in form.Files)
            if (file.FileName.Contains('\0') || file.Name.Contains('\0')) return file.Name.Replace("\0", "", StringComparison.Ordinal);
        return null;
    }

    /// <summary>"Input.Title" → the [Display] name of PageModel.Input.Title when it has one, else the form name.</summary>
    private string Label(Type pageType, string field)
    {
        var type = pageType;
        ModelMetadata? m = null;
        foreach (var segment in field.Split('.'))
        {
            var name = segment.Split('[')[0];
            m = metadata.GetMetadataForProperties(type).FirstOrDefault(p => string.Equals(p.PropertyName, name, StringComparison.OrdinalIgnoreCase));
            if (m is null) return field;
            type = m.ElementMetadata?.ModelType ?? m.ModelType;
        }
        return m?.DisplayName ?? field;
    }
}
