# openssl public keys: generate Ed25519 and RSA keys, sign and verify (the
# signatures vary, the verdicts do not), and a fixed-key HMAC/KDF.
# host: openssl
printf 'the message\n' >msg
g openssl genpkey -algorithm ed25519 -out ed.pem 2>/dev/null
g openssl pkey -in ed.pem -pubout -out ed.pub
g openssl pkeyutl -sign -inkey ed.pem -rawin -in msg -out msg.sig
g openssl pkeyutl -verify -pubin -inkey ed.pub -rawin -in msg -sigfile msg.sig
g openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa.pem 2>/dev/null
g openssl dgst -sha256 -sign rsa.pem -out rsa.sig msg
g openssl rsa -in rsa.pem -pubout -out rsa.pub 2>/dev/null
g openssl dgst -sha256 -verify rsa.pub -signature rsa.sig msg
g openssl rsa -in rsa.pem -noout -check 2>&1 | head -1
g openssl kdf -keylen 16 -kdfopt digest:SHA256 -kdfopt pass:pw -kdfopt salt:salt -kdfopt iter:1000 PBKDF2
