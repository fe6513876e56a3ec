namespace Microsoft.Extensions.DependencyInjection;

internal sealed class HeraldBuilder(IServiceCollection services) : IHeraldBuilder
{
    public IServiceCollection Services { get; } = services;
}
