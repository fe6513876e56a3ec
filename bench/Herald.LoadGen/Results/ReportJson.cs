using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Herald.LoadGen.Results;

/// <summary>The JSON form of a run (bench/results/&lt;run&gt;.json), for tooling and for comparing runs.</summary>
internal static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(RunReport report) => JsonSerializer.Serialize(report, Options);
}
