using System.Net.Http.Json;
using System.Text.Json;

namespace Vigie.Tests.Infrastructure;

/// <summary>Follows a queued import from its status page (the JSON handler the page's script polls) until it is finished.</summary>
public static class ImportJobPolling
{
    public static async Task<JsonElement> WaitForImportAsync(this HttpClient http, Uri statusPage)
    {
        var url = statusPage.OriginalString + "?handler=Status";
        for (var i = 0; i < 600; i++)
        {
            var status = await http.GetFromJsonAsync<JsonElement>(url);
            if (status.GetProperty("finished").GetBoolean()) return status;
            await Task.Delay(250);
        }
        throw new TimeoutException("L'import n'est pas terminé après 150 s.");
    }
}
