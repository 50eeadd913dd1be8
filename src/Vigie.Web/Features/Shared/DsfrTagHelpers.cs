using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Vigie.Web.Features.Shared;

/// <summary>
/// Shared plumbing of the DSFR form-field tag helpers: name/id from the model expression (same
/// algorithm as the built-in tag helpers), label + hint, and the DSFR 1.15 error pattern
/// (<c>fr-*-group--error</c>, <c>fr-messages-group</c> referenced by <c>aria-describedby</c>).
/// </summary>
public abstract class DsfrFieldTagHelperBase(IHtmlGenerator generator) : TagHelper
{
    /// <summary>Culture used to show numbers (decimal comma); the request culture must be fr-FR too so that binding parses them.</summary>
    protected static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    protected IHtmlGenerator Generator { get; } = generator;

    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    /// <summary>Visible label (French).</summary>
    public string Label { get; set; } = "";

    /// <summary>Optional help text shown under the label (<c>fr-hint-text</c>).</summary>
    public string? Hint { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    protected string FullName => ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);

    protected string Id => TagBuilder.CreateSanitizedId(FullName, Generator.IdAttributeDotReplacement);

    protected string MessagesId => Id + "-messages";

    /// <summary>True for an explicit [Required] and for the implicit one MVC adds to non-nullable reference types.</summary>
    protected bool IsRequired => For.Metadata.ValidatorMetadata.OfType<RequiredAttribute>().Any();

    protected IReadOnlyList<string> Errors
    {
        get
        {
            if (!ViewContext.ViewData.ModelState.TryGetValue(FullName, out var entry)
                || entry.ValidationState != ModelValidationState.Invalid)
            {
                return [];
            }

            return entry.Errors
                .Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? "La valeur saisie n’est pas valide." : e.ErrorMessage)
                .ToList();
        }
    }

    protected TagBuilder BuildLabel()
    {
        var label = new TagBuilder("label");
        label.AddCssClass("fr-label");
        label.Attributes["for"] = Id;
        label.InnerHtml.Append(Label);
        if (IsRequired)
        {
            // Visual cue only: the control's `required` attribute already tells assistive technologies.
            label.InnerHtml.AppendHtml("<span class=\"vigie-required\" aria-hidden=\"true\"> *</span>");
        }

        if (!string.IsNullOrWhiteSpace(Hint))
        {
            var hint = new TagBuilder("span");
            hint.AddCssClass("fr-hint-text");
            hint.InnerHtml.Append(Hint);
            label.InnerHtml.AppendHtml(hint);
        }

        return label;
    }

    protected TagBuilder BuildMessages(IReadOnlyList<string> errors)
    {
        var group = new TagBuilder("div");
        group.AddCssClass("fr-messages-group");
        group.Attributes["id"] = MessagesId;
        group.Attributes["aria-live"] = "polite";
        for (var i = 0; i < errors.Count; i++)
        {
            var p = new TagBuilder("p");
            p.AddCssClass("fr-message");
            p.AddCssClass("fr-message--error");
            p.Attributes["id"] = i == 0 ? $"{Id}-message-error" : $"{Id}-message-error-{i + 1}";
            p.InnerHtml.Append(errors[i]);
            group.InnerHtml.AppendHtml(p);
        }

        return group;
    }

    /// <summary>Attributes common to every control; other attributes written on the tag helper element are passed through.</summary>
    protected Dictionary<string, object?> ControlAttributes(TagHelperOutput output, IReadOnlyList<string> errors, string cssClass)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var attribute in output.Attributes)
        {
            attributes[attribute.Name] = attribute.Value?.ToString();
        }

        output.Attributes.Clear();
        // DSFR 1.15 marks the error on the group only (fr-input-group--error), not on the control.
        attributes["class"] = cssClass;
        attributes["aria-describedby"] = MessagesId;
        if (errors.Count > 0)
        {
            attributes["aria-invalid"] = "true";
        }

        if (IsRequired)
        {
            attributes["required"] = "";
        }

        return attributes;
    }

    /// <summary>
    /// The generator adds jQuery-unobtrusive attributes and its own error class; the DSFR pattern
    /// uses neither (server-side validation only), so they are removed to keep the markup clean.
    /// </summary>
    protected static void RemoveGeneratorExtras(TagBuilder control)
    {
        foreach (var key in control.Attributes.Keys.Where(k => k.StartsWith("data-val", StringComparison.Ordinal)).ToList())
        {
            control.Attributes.Remove(key);
        }

        if (control.Attributes.TryGetValue("class", out var classes) && classes is not null)
        {
            control.Attributes["class"] = string.Join(' ', classes
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(c => c != HtmlHelper.ValidationInputCssClassName));
        }
    }

    protected void RenderGroup(TagHelperOutput output, string groupClass, IReadOnlyList<string> errors, params IHtmlContent[] parts)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", errors.Count > 0 ? $"{groupClass} {groupClass}--error" : groupClass);
        foreach (var part in parts)
        {
            output.Content.AppendHtml(part);
        }
    }

    protected static void EnsureArguments(ModelExpression? aspFor, string label, string tag)
    {
        if (aspFor is null)
        {
            throw new InvalidOperationException($"<{tag}> requires asp-for.");
        }

        if (string.IsNullOrWhiteSpace(label))
        {
            throw new InvalidOperationException($"<{tag} asp-for=\"{aspFor.Name}\"> requires a label.");
        }
    }
}

/// <summary>
/// <c>&lt;dsfr-input asp-for="Input.Title" label="Intitulé" hint="…" type="text" /&gt;</c>.
/// <c>type</c>: text (default), email, password, date, number, file (DSFR upload: fr-upload-group; the form needs
/// enctype="multipart/form-data"), tel, url, search.
/// <c>date</c> renders DateOnly/DateTime/DateTimeOffset as yyyy-MM-dd. <c>number</c> renders a text
/// input with <c>inputmode</c> and an fr-FR value (decimal comma), because a real
/// <c>type="number"</c> input only accepts "12.5" as value and would drop "12,5".
/// </summary>
[HtmlTargetElement("dsfr-input", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DsfrInputTagHelper(IHtmlGenerator generator) : DsfrFieldTagHelperBase(generator)
{
    public string Type { get; set; } = "text";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        EnsureArguments(For, Label, "dsfr-input");
        var errors = Errors;
        var type = Type.ToLowerInvariant();
        var attributes = ControlAttributes(output, errors, type == "file" ? "fr-upload" : "fr-input");
        TagBuilder control;
        switch (type)
        {
            case "password":
                attributes["type"] = "password";
                control = Generator.GeneratePassword(ViewContext, For.ModelExplorer, For.Name, value: null, attributes);
                break;
            case "file":
                // Never echo a value into a file input.
                control = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
                control.MergeAttributes(attributes, replaceExisting: true);
                control.Attributes["type"] = "file";
                control.Attributes["name"] = FullName;
                control.Attributes["id"] = Id;
                break;
            case "number":
                attributes["type"] = "text";
                attributes.TryAdd("inputmode", IsIntegral(For.ModelExplorer.ModelType) ? "numeric" : "decimal");
                control = Generator.GenerateTextBox(ViewContext, For.ModelExplorer, For.Name, FormatNumber(For.Model), format: null, attributes);
                break;
            case "date":
                attributes["type"] = "date";
                control = Generator.GenerateTextBox(ViewContext, For.ModelExplorer, For.Name, FormatDate(For.Model), format: null, attributes);
                break;
            default:
                attributes["type"] = type;
                control = Generator.GenerateTextBox(ViewContext, For.ModelExplorer, For.Name, FormatNumber(For.Model), format: null, attributes);
                break;
        }

        RemoveGeneratorExtras(control);
        RenderGroup(output, type == "file" ? "fr-upload-group" : "fr-input-group", errors, BuildLabel(), control, BuildMessages(errors));
    }

    private static bool IsIntegral(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t
        && (t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte)
            || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort) || t == typeof(sbyte));

    private static string? FormatDate(object? model) => model switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(model, CultureInfo.InvariantCulture),
    };

    private static string? FormatNumber(object? model) => model switch
    {
        null => null,
        // "G" never inserts thousands separators, so the value round-trips through fr-FR binding.
        IFormattable f => f.ToString(null, French),
        _ => Convert.ToString(model, French),
    };
}

/// <summary><c>&lt;dsfr-textarea asp-for="Input.Description" label="Description" rows="5" /&gt;</c></summary>
[HtmlTargetElement("dsfr-textarea", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DsfrTextareaTagHelper(IHtmlGenerator generator) : DsfrFieldTagHelperBase(generator)
{
    public int Rows { get; set; } = 5;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        EnsureArguments(For, Label, "dsfr-textarea");
        var errors = Errors;
        var attributes = ControlAttributes(output, errors, "fr-input");
        var control = Generator.GenerateTextArea(ViewContext, For.ModelExplorer, For.Name, Rows, columns: 0, attributes);
        RemoveGeneratorExtras(control);
        RenderGroup(output, "fr-input-group", errors, BuildLabel(), control, BuildMessages(errors));
    }
}

/// <summary>
/// <c>&lt;dsfr-select asp-for="Input.TerritoryCode" label="Territoire" asp-items="Model.Territories" placeholder="Choisir…" /&gt;</c>.
/// The placeholder is an empty-valued first option, so choosing it again fails [Required].
/// </summary>
[HtmlTargetElement("dsfr-select", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DsfrSelectTagHelper(IHtmlGenerator generator) : DsfrFieldTagHelperBase(generator)
{
    [HtmlAttributeName("asp-items")]
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    public string? Placeholder { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        EnsureArguments(For, Label, "dsfr-select");
        var errors = Errors;
        var attributes = ControlAttributes(output, errors, "fr-select");
        var currentValues = Generator.GetCurrentValues(ViewContext, For.ModelExplorer, For.Name, allowMultiple: false);
        var control = Generator.GenerateSelect(
            ViewContext, For.ModelExplorer, Placeholder, For.Name, Items, currentValues, allowMultiple: false, attributes);
        RemoveGeneratorExtras(control);
        RenderGroup(output, "fr-select-group", errors, BuildLabel(), control, BuildMessages(errors));
    }
}

/// <summary>
/// <c>&lt;dsfr-checkbox asp-for="Input.IsConfidential" label="Confidentiel" /&gt;</c> for a bool.
/// The hidden "false" input goes to the end of the form, like the built-in input tag helper.
/// </summary>
[HtmlTargetElement("dsfr-checkbox", Attributes = "asp-for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DsfrCheckboxTagHelper(IHtmlGenerator generator) : DsfrFieldTagHelperBase(generator)
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        EnsureArguments(For, Label, "dsfr-checkbox");
        var type = Nullable.GetUnderlyingType(For.ModelExplorer.ModelType) ?? For.ModelExplorer.ModelType;
        if (type != typeof(bool))
        {
            throw new InvalidOperationException($"<dsfr-checkbox asp-for=\"{For.Name}\"> needs a bool property.");
        }

        var errors = Errors;
        var attributes = ControlAttributes(output, errors, "");
        attributes.Remove("class");
        attributes.Remove("required");
        var control = Generator.GenerateCheckBox(ViewContext, For.ModelExplorer, For.Name, isChecked: null, attributes);
        RemoveGeneratorExtras(control);
        control.Attributes.Remove("class");

        var hidden = Generator.GenerateHiddenForCheckbox(ViewContext, For.ModelExplorer, For.Name);
        IHtmlContent afterMessages = HtmlString.Empty;
        if (ViewContext.CheckBoxHiddenInputRenderMode == CheckBoxHiddenInputRenderMode.EndOfForm
            && ViewContext.FormContext.CanRenderAtEndOfForm)
        {
            ViewContext.FormContext.EndOfFormContent.Add(hidden);
        }
        else if (ViewContext.CheckBoxHiddenInputRenderMode != CheckBoxHiddenInputRenderMode.None)
        {
            afterMessages = hidden;
        }

        RenderGroup(output, "fr-checkbox-group", errors, control, BuildLabel(), BuildMessages(errors), afterMessages);
    }
}

/// <summary><c>&lt;dsfr-badge kind="success|info|warning|error|new" small="true"&gt;Signé&lt;/dsfr-badge&gt;</c></summary>
[HtmlTargetElement("dsfr-badge")]
public sealed class DsfrBadgeTagHelper : TagHelper
{
    private static readonly string[] Kinds = ["success", "info", "warning", "error", "new"];

    public string? Kind { get; set; }

    /// <summary>Small badge (<c>fr-badge--sm</c>), e.g. inside table cells.</summary>
    public bool Small { get; set; }

    /// <summary>Hide the status icon (<c>fr-badge--no-icon</c>).</summary>
    public bool NoIcon { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Kind is not null && !Kinds.Contains(Kind, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"<dsfr-badge kind=\"{Kind}\">: kind must be one of {string.Join(", ", Kinds)}.");
        }

        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        var css = "fr-badge";
        if (Kind is not null)
        {
            css += " fr-badge--" + Kind;
        }

        if (Small)
        {
            css += " fr-badge--sm";
        }

        if (NoIcon)
        {
            css += " fr-badge--no-icon";
        }

        if (output.Attributes.TryGetAttribute("class", out var existing) && existing.Value is not null)
        {
            css += " " + existing.Value;
        }

        output.Attributes.SetAttribute("class", css);
    }
}
