namespace Herald.Configuration;

/// <summary>
/// Keys under the <c>Herald</c> section that are not <see cref="HeraldOptions"/> properties but are
/// read by a host or an extension (the standalone server's <c>ListenBacklog</c>, the PostgreSQL
/// store's <c>Postgres</c> section). Start-up refuses any other unknown key, so each reader says
/// here which keys it owns and of what shape.
/// </summary>
public sealed class HeraldConfigurationKeys
{
    internal Dictionary<string, Type> Extra { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Declares <c>Herald:&lt;key&gt;</c>, bound to (or read as) <paramref name="shape"/>.</summary>
    public HeraldConfigurationKeys Add(string key, Type shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(shape);
        Extra[key] = shape;
        return this;
    }
}
