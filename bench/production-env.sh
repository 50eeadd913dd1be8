# Sourced by bench scripts that run the app in Production: the settings Production refuses to start without
# (docs/operations.md), with throwaway secrets in the given folder. Usage: . bench/production-env.sh "$work"
openssl req -x509 -newkey rsa:2048 -sha256 -days 2 -nodes -subj "/CN=Vigie bench data protection" \
  -keyout "$1/dp.key" -out "$1/dp.crt" 2>/dev/null
openssl pkcs12 -export -inkey "$1/dp.key" -in "$1/dp.crt" -out "$1/dp.pfx" -passout pass:bench 2>/dev/null
head -c 32 /dev/urandom | base64 >"$1/cases.key"
export ASPNETCORE_ENVIRONMENT=Production Security__RequireHttps=false App__PublicBaseUrl="http://127.0.0.1" \
  DataProtection__CertificatePath="$1/dp.pfx" DataProtection__CertificatePassword=bench Cases__EncryptionKeyFile="$1/cases.key"
