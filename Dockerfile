# Herald.Server as a container image: docker build -t herald . && docker run -p 8080:8080 -v herald-data:/data herald
# Not built by this repository's tests (its machines have no container engine); a test checks the paths and
# settings below, and that the published server starts as the image starts it. See docs/operations.md §11.

# Node.js for the browser client (/herald.js); the SDK image has none.
FROM node:22-bookworm-slim AS node

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
WORKDIR /src
# Dependencies first, so a source change does not reinstall them.
COPY clients/js/package.json clients/js/package-lock.json clients/js/
RUN cd clients/js && npm ci --no-audit --no-fund
COPY . .
RUN cd clients/js && npm run build
RUN dotnet publish src/Herald.Server/Herald.Server.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# /data holds herald.db and the generated JWT secret; the image's non-root app user owns it.
RUN mkdir -p /data && chown "$APP_UID" /data
# 0.0.0.0 inside the container (the server's own default is 127.0.0.1, unreachable through -p).
# ASPNETCORE_HTTP_PORTS is emptied so Kestrel does not warn that the URL overrides it.
ENV Herald__DataDirectory=/data \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ASPNETCORE_HTTP_PORTS=
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Herald.Server.dll"]
