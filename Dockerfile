# Ward in a container: the relocatable release (scripts/release) and the pinned scanners on a
# slim Debian 12, run as an unprivileged user on the tree mounted at /src.
#
#   docker build -t ward .
#   docker run --rm -v "$PWD:/src:ro" -v ward-history:/home/ward/.local/share/ward ward scan . --format sarif -o /dev/stdout
#
# The build stage makes the same archive as a release; the runtime stage installs it with the
# same steps as any other machine (scripts/install-runtime: the runtime packages of
# tools/system-packages.txt, the archive checked against its SHA256SUMS, the scanners of
# tools/requirements.txt), so the image runs exactly what the release ships.

FROM swift:6.3-bookworm AS build
WORKDIR /ward
COPY tools/system-packages.txt tools/
COPY scripts/install-system-packages scripts/
RUN scripts/install-system-packages
COPY . .
RUN scripts/release --output /dist

FROM debian:bookworm-slim AS runtime
COPY --from=build /ward/scripts /opt/ward-source/scripts
COPY --from=build /ward/tools /opt/ward-source/tools
COPY --from=build /dist /opt/dist
RUN /opt/ward-source/scripts/install-runtime --dist /opt/dist --into /opt/ward --link /usr/local/bin --scanners /opt/ward-tools \
    && rm -rf /opt/dist /var/lib/apt/lists/* /root/.cache \
    && groupadd --gid 10001 ward \
    && useradd --create-home --uid 10001 --gid 10001 --shell /usr/sbin/nologin ward
ENV WARD_TOOLS_DIR=/opt/ward-tools/tools/bin \
    HOME=/home/ward \
    LANG=C.UTF-8
USER 10001:10001
WORKDIR /src
# A command-line tool, not a service: nothing to probe.
HEALTHCHECK NONE
ENTRYPOINT ["ward"]
CMD ["scan", "."]
