# TLS over loopback: openssl makes a self-signed EC certificate, s_server
# serves it, s_client connects, verifies it against the certificate,
# and both ends agree on TLS 1.3 (ECDHE, AES-GCM or ChaCha20, EC signatures).
# host: openssl
# needs: sockets
g openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem \
    -out cert.pem -days 2 -subj /CN=localhost 2>/dev/null
g openssl x509 -in cert.pem -noout -subject
port=$((20000 + $$ % 20000))
g openssl s_server -accept 127.0.0.1:$port -cert cert.pem -key key.pem -naccept 1 -www >srv.log 2>&1 &
srv=$!
for i in $(seq 1 50); do grep -q ACCEPT srv.log 2>/dev/null && break; sleep 0.2; done
printf 'GET / HTTP/1.0\r\n\r\n' | g openssl s_client -connect 127.0.0.1:$port -CAfile cert.pem \
    -verify_return_error -servername localhost -ign_eof 2>/dev/null >cli.log
echo "client status $?"
for i in $(seq 1 50); do kill -0 $srv 2>/dev/null || break; sleep 0.2; done
kill $srv 2>/dev/null && echo 'server still running'
wait $srv; echo "server status $?"
grep -c '^HTTP/1.0 200 ok' cli.log
grep -E '^(Verify return code|New, TLSv1.3|Protocol)' cli.log | sed 's/, Cipher is.*//' | sort -u
