# Programs that choose their code from AT_HWCAP/AT_HWCAP2 give the same
# results on every ARM CPU model: OpenSSL's libcrypto uses the ARMv8
# AES/SHA/PMULL instructions on max, NEON on the Cortex-A models and plain
# ARM code where a model has no NEON (QEMU_CPU is mimic's and qemu's
# variable for -cpu; the host's openssl ignores it).  Each model digests,
# encrypts (AES-CBC, AES-CTR, ChaCha20), takes an AES-GMAC (GHASH: PMULL on max) and HMACs the same data.
# host: openssl
seq 1 20000 >data
K=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
IV=0f0e0d0c0b0a09080706050403020100
for cpu in max cortex-a15 cortex-a9 cortex-a8 cortex-a7; do
    export QEMU_CPU=$cpu
    {
        g openssl dgst -sha1 -r data
        g openssl dgst -sha256 -r data
        g openssl dgst -sha512 -r data
        g openssl dgst -sha256 -hmac key -r data
        g openssl enc -aes-128-cbc -K ${K:0:32} -iv $IV -in data | sha256sum
        g openssl enc -aes-256-ctr -K $K -iv $IV -in data | sha256sum
        g openssl mac -cipher AES-256-GCM -macopt hexkey:$K -macopt hexiv:${IV:0:24} -in data GMAC
        g openssl enc -chacha20 -K $K -iv $IV -in data | sha256sum
        g openssl enc -aes-128-cbc -K ${K:0:32} -iv $IV -in data |
            g openssl enc -d -aes-128-cbc -K ${K:0:32} -iv $IV | cmp - data && echo roundtrip
    } | sed "s/^/$cpu: /"
done
