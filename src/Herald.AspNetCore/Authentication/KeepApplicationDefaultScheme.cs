using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Herald.AspNetCore.Authentication;

/// <summary>
/// ASP.NET Core makes an application's only scheme its default. Herald's scheme would make it
/// two and quietly take that default away; this names the application's scheme the default, as it was.
/// </summary>
internal sealed class KeepApplicationDefaultScheme : IPostConfigureOptions<AuthenticationOptions>
{
    public void PostConfigure(string? name, AuthenticationOptions options)
    {
        if (options.DefaultScheme is not null)
        {
            return;
        }

        var own = options.Schemes.Where(s => s.Name != HeraldAuthenticationDefaults.AuthenticationScheme).Take(2).ToList();
        if (own.Count == 1)
        {
            options.DefaultScheme = own[0].Name;
        }
    }
}
