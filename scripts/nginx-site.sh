# Sourced by reliability.sh and scripts/deploy-check.sh: the shipped nginx site (deploy/nginx/vigie.conf and
# vigie-proxy.conf) set up in a folder of its own, with only the paths and ports adapted — loopback ports, a self-signed
# certificate for $HOST, the plain-HTTP redirect to the HTTPS port, and optionally the upstream's second server line
# enabled (docs/operations.md, "Two instances") — and an nginx.conf including it. Needs $HOST (the site's name).
# Usage: nginx_site folder http-port https-port upstream-port [second-upstream-port]; then nginx -p folder -c folder/nginx.conf
nginx_site() { # folder http-port https-port upstream-port [second-upstream-port]: the shipped site, only paths and ports adapted
  local dir=$1 second=()
  [ -n "${5:-}" ] && second=(-e "s@\# server 127.0.0.1:5081;@server 127.0.0.1:$5;@")
  mkdir -p "$dir/tls" "$dir/cache" "$dir/tmp"
  openssl req -x509 -newkey rsa:2048 -sha256 -days 2 -nodes -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
    -keyout "$dir/tls/privkey.pem" -out "$dir/tls/fullchain.pem" 2>/dev/null
  cp deploy/nginx/vigie-proxy.conf "$dir/vigie-proxy.conf"
  sed -e "s#/etc/ssl/vigie/#$dir/tls/#g" \
      -e "s#/etc/nginx/snippets/#$dir/#g" \
      -e "s#/var/cache/nginx/vigie#$dir/cache#g" \
      -e "/listen \[::\]/d" \
      -e "s#listen 80;#listen 127.0.0.1:$2;#" \
      -e "s#listen 443 ssl http2;#listen 127.0.0.1:$3 ssl http2;#" \
      -e "s#server 127.0.0.1:5080;#server 127.0.0.1:$4;#" \
      -e "s#return 301 https://\$host\$request_uri;#return 301 https://\$host:$3\$request_uri;#" \
      "${second[@]}" \
      deploy/nginx/vigie.conf > "$dir/vigie.conf"
  if [ -n "${5:-}" ]; then
    grep -q "server 127.0.0.1:$5;" "$dir/vigie.conf" || { echo "deploy/nginx/vigie.conf has no '# server 127.0.0.1:5081;' line to enable" >&2; exit 1; }
  fi
  cat > "$dir/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 2048; }
http {
  include /etc/nginx/mime.types;
  access_log $dir/access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  include $dir/vigie.conf;
}
CONF
}
