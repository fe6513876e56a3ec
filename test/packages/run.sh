#!/usr/bin/env bash
# Installs the packed NuGet packages into two fresh apps and runs them, as a new user would:
#   web/      an ASP.NET Core app with Herald.AspNetCore: AddHerald, MapHerald("/ws"), on 127.0.0.1 port 0
#   console/  a console app with Herald.Client: a bare ClientWebSocket must be welcomed, then
#             HeraldClient subscribes and receives an event the web app publishes
#   Herald.Cli installed as a .NET tool, `herald --help` runs
# The apps live in a temporary folder outside the repository, so none of its Directory.Build.props,
# central package versions or project references apply: only the packages. They restore from a
# nuget.config that puts the local folder feed first (Herald.* only from there) and the configured
# sources for everything else, into a fresh packages folder, so no cached Herald package is reused.
# Usage: test/packages/run.sh [packages-folder] [log-folder]; prints PASS or FAIL, exit code 0 or 1.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
packages=$(cd "${1:-$root/test-results/packages}" && pwd) || { echo "FAIL: no packages folder (run dotnet pack first)"; exit 1; }
logs=${2:-$root/test-results/package-apps}
mkdir -p "$logs" && logs=$(cd "$logs" && pwd)
fail() { echo "FAIL: $*"; exit 1; }

core=$(ls "$packages"/Herald.Core.*.nupkg 2>/dev/null | head -n 1)
[ -n "$core" ] || fail "no Herald.Core package in $packages"
version=$(basename "$core" .nupkg); version=${version#Herald.Core.}
for id in Herald.AspNetCore Herald.Client; do
  [ -f "$packages/$id.$version.nupkg" ] || fail "$id.$version.nupkg is missing from $packages"
done

# Every library ships with the metadata a package page shows, at the one version.
python3 - "$packages" "$version" <<'PY' || exit 1
import sys, zipfile, re
folder, version = sys.argv[1], sys.argv[2]
expected = ["Herald.Core", "Herald.AspNetCore", "Herald.Client", "Herald.Storage.Sqlite",
            "Herald.Storage.Postgres", "Herald.EntityFrameworkCore", "Herald.Cli"]
problems = []
for id in expected:
    try:
        package = zipfile.ZipFile(f"{folder}/{id}.{version}.nupkg")
    except FileNotFoundError:
        problems.append(f"{id}.{version}.nupkg is missing"); continue
    nuspec = package.read(f"{id}.nuspec").decode("utf-8-sig")
    for what, pattern in [("MIT license", r'<license type="expression">MIT</license>'), ("readme", r"<readme>README.md</readme>"),
                          ("repository", r'<repository type="git" url="https://'), ("authors", r"<authors>[^<]+</authors>"),
                          ("tags", r"<tags>herald [^<]+</tags>"), ("description", r"<description>(?!Package Description)[^<]{40,}</description>")]:
        if not re.search(pattern, nuspec):
            problems.append(f"{id}: no {what} in its nuspec")
    if "README.md" not in package.namelist():
        problems.append(f"{id}: README.md is not in the package")
if problems:
    print("FAIL: " + "; ".join(problems)); sys.exit(1)
print(f"== metadata: {len(expected)} packages at {version} with license, readme, repository, authors, tags, description")
PY

work=$(mktemp -d "${TMPDIR:-/tmp}/herald-package-apps.XXXXXX")
web_pid=
cleanup() {
  [ -n "$web_pid" ] && kill "$web_pid" 2>/dev/null && wait "$web_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# The configured sources (the machine's NuGet.Config) serve the packages' own dependencies.
upstream=$(cd "$root" && dotnet nuget list source --format short 2>/dev/null | awk '$1 ~ /^E/ {print $2}')
[ -n "$upstream" ] || fail "no enabled NuGet source is configured"
user_packages=$(cd "$root" && dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
{
  echo '<?xml version="1.0" encoding="utf-8"?>'
  echo '<configuration>'
  echo "  <config><add key=\"globalPackagesFolder\" value=\"$work/nuget-packages\" /></config>"
  echo '  <packageSources>'
  echo '    <clear />'
  echo "    <add key=\"herald-local\" value=\"$packages\" />"
  n=0; for url in $upstream; do n=$((n + 1)); echo "    <add key=\"upstream-$n\" value=\"$url\" />"; done
  echo '  </packageSources>'
  # Dependencies already downloaded are read from the user's cache instead of fetched again.
  echo "  <fallbackPackageFolders><clear /><add key=\"user\" value=\"$user_packages\" /></fallbackPackageFolders>"
  echo '  <packageSourceMapping>'
  echo '    <packageSource key="herald-local"><package pattern="Herald.*" /></packageSource>'
  n=0; for url in $upstream; do n=$((n + 1)); echo "    <packageSource key=\"upstream-$n\"><package pattern=\"*\" /></packageSource>"; done
  echo '  </packageSourceMapping>'
  echo '</configuration>'
} >"$work/nuget.config"

project() { # name sdk package
  mkdir -p "$work/$1"
  cp "$here/$4/Program.cs" "$work/$1/Program.cs"
  cat >"$work/$1/$1.csproj" <<XML
<Project Sdk="$2">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="$3" Version="$version" />
  </ItemGroup>
</Project>
XML
}
project FreshWeb Microsoft.NET.Sdk.Web Herald.AspNetCore web
project FreshConsole Microsoft.NET.Sdk Herald.Client console
cp "$work/nuget.config" "$logs/nuget.config"

for app in FreshWeb FreshConsole; do
  echo "== $app: restore and build against Herald $version"
  if ! dotnet build "$work/$app/$app.csproj" -nologo -v quiet >"$logs/$app-build.log" 2>&1; then
    cat "$logs/$app-build.log"
    fail "$app does not build from the packages (see $logs/$app-build.log)"
  fi
done
for id in herald.aspnetcore herald.core herald.client; do
  [ -d "$work/nuget-packages/$id/$version" ] ||
    fail "$id $version was not installed from $packages (a stale copy in $user_packages/$id/$version?)"
done

echo "== FreshWeb: start on 127.0.0.1 port 0"
(cd "$work/FreshWeb" && exec dotnet bin/Debug/net10.0/FreshWeb.dll --urls http://127.0.0.1:0 \
  --Herald:Jwt:Secret=fresh-app-secret-0123456789-abcdefghijklmnop --Herald:Namespaces:public:HistorySize=100) \
  >"$logs/FreshWeb.log" 2>&1 &
web_pid=$!
url=
deadline=$((SECONDS + 60))
while [ -z "$url" ]; do
  url=$(grep -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$logs/FreshWeb.log" | head -n 1 | sed 's/^Now listening on: //')
  if [ -z "$url" ]; then
    kill -0 "$web_pid" 2>/dev/null || { cat "$logs/FreshWeb.log"; fail "FreshWeb exited before listening"; }
    [ $SECONDS -lt $deadline ] || { cat "$logs/FreshWeb.log"; fail "FreshWeb did not listen within 60 s"; }
    sleep 0.2
  fi
done
echo "   listening on $url"

echo "== FreshConsole: ClientWebSocket welcome, HeraldClient subscribe and receive"
if ! (cd "$work/FreshConsole" && dotnet bin/Debug/net10.0/FreshConsole.dll "$url/") 2>&1 | tee "$logs/FreshConsole.log"; then
  echo "-- FreshWeb log:"; cat "$logs/FreshWeb.log"
  fail "FreshConsole did not get its welcome and event"
fi
echo "== Herald.Cli: dotnet tool install from the folder feed, herald --help"
if ! dotnet tool install Herald.Cli --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" >"$logs/tool-install.log" 2>&1; then
  cat "$logs/tool-install.log"; fail "dotnet tool install Herald.Cli $version failed"
fi
"$work/tools/herald" --help >"$logs/herald-help.log" 2>&1 || { cat "$logs/herald-help.log"; fail "the installed herald tool does not run"; }
echo "PASS: Herald $version packages work in a fresh web app, a fresh console app and as the herald tool"
