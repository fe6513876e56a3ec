// A fresh ASP.NET Core app that takes Herald from its NuGet packages, as a user would after
// `dotnet new web` + `dotnet add package Herald.AspNetCore` (run by test/packages/run.sh).
// AddHerald/MapHerald may live in Herald.AspNetCore or in the Microsoft.* namespaces that web
// apps import anyway; with both usings the app compiles either way, so silence "unused using".
// Inline, not in .editorconfig: run.sh builds a copy of this file outside the repository.
#pragma warning disable CS8019, IDE0005
using System.Security.Claims;
using System.Text;
using Herald.AspNetCore;
using Herald.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
#pragma warning restore CS8019, IDE0005

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHerald(builder.Configuration.GetSection("Herald"));
var app = builder.Build();
app.MapHerald("/ws");

// The app's own endpoints: one that changes something and announces it, one that signs users in.
app.MapPost("/orders/{id}", async (string id, IHeraldPublisher publisher, CancellationToken cancellationToken) =>
{
    var result = await publisher.PublishAsync(PublishRequest.Create("public:orders", "order.created", new { id }), cancellationToken);
    return Results.Ok(new { result.Offset });
});
app.MapGet("/token/{sub}", (string sub, IConfiguration configuration) =>
{
    var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Herald:Jwt:Secret"]!));
    return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("sub", sub)]),
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });
});

app.Run();
