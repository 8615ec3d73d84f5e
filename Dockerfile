# syntax=docker/dockerfile:1
# Multi-stage: the SDK image builds and publishes; the final image holds only the ASP.NET runtime and the
# published output (the app, the CLI, and the checklist and runbook templates it ships with), and runs as the
# image's non-root "app" user. Base images are pinned to exact versions; bump them on purpose.

FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
WORKDIR /src
# Restore first, from the project files alone, so the layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Checklist.Core/Checklist.Core.csproj src/Checklist.Core/
COPY src/Checklist.Web/Checklist.Web.csproj src/Checklist.Web/
COPY src/Checklist.Cli/Checklist.Cli.csproj src/Checklist.Cli/
RUN dotnet restore src/Checklist.Web/Checklist.Web.csproj \
 && dotnet restore src/Checklist.Cli/Checklist.Cli.csproj
COPY src/ src/
COPY checklists/ checklists/
COPY templates/ templates/
RUN dotnet publish src/Checklist.Web/Checklist.Web.csproj -c Release --no-restore -o /out/web /p:UseAppHost=false \
 && dotnet publish src/Checklist.Cli/Checklist.Cli.csproj -c Release --no-restore -o /out/cli /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS final
WORKDIR /app
COPY --from=build --chown=root:root /out/web ./
COPY --from=build --chown=root:root /out/cli ./cli/
# The only writable place, for the SQLite default; with PostgreSQL nothing is written to disk.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ConnectionStrings__Checklist="Data Source=/app/data/checklist.db" \
    DOTNET_gcServer=0
USER $APP_UID
EXPOSE 8080
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Checklist.Web.dll"]
