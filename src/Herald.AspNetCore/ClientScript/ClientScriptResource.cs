using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Herald.AspNetCore;

/// <summary>
/// The browser client embedded in this assembly by the build (ClientScript.targets), read once. Embedded
/// rather than copied next to the app: it travels inside the package and survives publish, single-file
/// and containers, whatever the content root.
/// </summary>
internal sealed class ClientScriptResource
{
    /// <summary>Must match HeraldClientScriptResource in Herald.AspNetCore.csproj.</summary>
    public const string ManifestName = "Herald.AspNetCore.herald.js";

    private static readonly Lazy<ClientScriptResource?> Embedded = new(Load);

    private ClientScriptResource(byte[] content, EntityTagHeaderValue entityTag)
    {
        Content = content;
        EntityTag = entityTag;
    }

    public byte[] Content { get; }

    /// <summary>From the content, so a rebuilt script is revalidated away at once and an unchanged one stays cached.</summary>
    public EntityTagHeaderValue EntityTag { get; }

    /// <summary>Null when the assembly was built with <c>-p:HeraldClientScript=false</c>.</summary>
    public static ClientScriptResource? Instance => Embedded.Value;

    private static ClientScriptResource? Load()
    {
        using var stream = typeof(ClientScriptResource).Assembly.GetManifestResourceStream(ManifestName);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8));
        return new ClientScriptResource(content, new EntityTagHeaderValue($"\"{hash}\""));
    }
}
