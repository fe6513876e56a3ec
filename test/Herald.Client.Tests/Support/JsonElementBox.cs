using System.Text.Json;

namespace Herald.Client.Tests.Support;

/// <summary>A slot a server script fills for the test to inspect.</summary>
public sealed class JsonElementBox
{
    public JsonElement Value { get; set; }
}
