# openssl: digests, HMAC, AES-256-CBC with PBKDF2 from a fixed password
# (no salt, so the ciphertext is fixed) and a round trip, base64.
# host: openssl
seq 1 5000 >data
g openssl dgst -sha256 -r data
g openssl dgst -sha512 -r data
g openssl dgst -sha256 -hmac secret -r data
g openssl enc -aes-256-cbc -pbkdf2 -iter 1000 -nosalt -pass pass:mimic-test -in data -out data.enc
sha256sum <data.enc
g openssl enc -d -aes-256-cbc -pbkdf2 -iter 1000 -nosalt -pass pass:mimic-test -in data.enc | cmp - data && echo roundtrip
g openssl enc -chacha20 -K 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f -iv 00000000000000000000000000000000 -in data | sha256sum
g openssl base64 -in data.enc | g openssl base64 -d | cmp - data.enc && echo base64
g openssl prime 2305843009213693951
