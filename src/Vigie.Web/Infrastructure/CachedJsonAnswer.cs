using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// A 200 JSON answer serialised once, kept in a cache with its strong ETag and written as the same UTF-8 bytes on every
/// hit (issue 16, API hot path: serialising the observatory table was most of a cached answer's own work). A request
/// whose <c>If-None-Match</c> names the ETag gets a 304 without a body. Authentication, authorization, rate limiting and
/// the security headers run before, per request, as for any answer. Documented like <c>Ok&lt;T&gt;</c> in OpenAPI.
/// </summary>
public sealed class CachedJsonAnswer<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    private const string ContentType = "application/json; charset=utf-8";
    private readonly byte[] _utf8;

    public CachedJsonAnswer(T value, JsonSerializerOptions options)
    {
        Value = value;
        _utf8 = JsonSerializer.SerializeToUtf8Bytes(value, options);
        ETag = "\"" + Convert.ToHexStringLower(SHA256.HashData(_utf8).AsSpan(0, 12)) + "\"";
    }

    public T Value { get; }
    object? IValueHttpResult.Value => Value;
    public string ETag { get; }
    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.ETag = ETag;
        if (Matches(httpContext.Request, ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = _utf8.Length;
        return response.Body.WriteAsync(_utf8, httpContext.RequestAborted).AsTask();
    }

    /// <summary>True when the request's <c>If-None-Match</c> lists <paramref name="etag"/> (weak comparison, RFC 9110 §13.1.2) or is "*": ASP.NET Core's own header parser.</summary>
    private static bool Matches(HttpRequest request, string etag)
    {
        var tag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue(etag);
        return request.GetTypedHeaders().IfNoneMatch.Any(t => t.Equals(Microsoft.Net.Http.Headers.EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false));
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}
