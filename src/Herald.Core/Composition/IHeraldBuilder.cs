namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>AddHerald</c>: the store, the cluster feed, the API key store and the other
/// parts are chosen on it. Each choice replaces a default, so the calls may come in any order.
/// </summary>
public interface IHeraldBuilder
{
    IServiceCollection Services { get; }
}
