package io.symphony.redis.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Speaks just enough RESP over a plain socket to probe a server we started, without a Lettuce client.
 *
 * <p>Readiness means "answers PING", not "port open"; the {@code INFO server} process id tells whether the server
 * that answered is the process we launched, not some other server that grabbed the port first.
 */
final class RespProbe {

    /** Returned by {@link #answeringPid} when a server answered but would not say its pid (AUTH required). */
    static final long UNKNOWN_PID = -1;

    private static final int CONNECT_TIMEOUT_MILLIS = 250;
    private static final int READ_TIMEOUT_MILLIS = 2_000;

    private RespProbe() {
    }

    /** Send {@code PING} and {@code INFO server}; return the answering server's pid, or empty if it is not ready. */
    static OptionalLong answeringPid(String host, int port) {
        try (Socket socket = connect(host, port)) {
            write(socket.getOutputStream(), "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nINFO\r\n$6\r\nserver\r\n");
            InputStream in = socket.getInputStream();
            String ping = readLine(in);
            if (!ping.startsWith("+PONG")) {
                return ping.contains("NOAUTH") ? OptionalLong.of(UNKNOWN_PID) : OptionalLong.empty();
            }
            String info = readBulk(in);
            return OptionalLong.of(processId(info));
        } catch (IOException notReady) {
            return OptionalLong.empty();
        }
    }

    /** Send {@code SHUTDOWN NOSAVE}; return whether the server accepted it (it closes the socket on success). */
    static boolean shutdownNoSave(String host, int port) {
        try (Socket socket = connect(host, port)) {
            write(socket.getOutputStream(), "*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n");
            String reply = readLine(socket.getInputStream());
            return !reply.startsWith("-");
        } catch (EOFException closedByShutdown) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Socket connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void write(OutputStream out, String command) throws IOException {
        out.write(command.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static long processId(String info) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith("process_id:")) {
                return Long.parseLong(line.substring("process_id:".length()).trim());
            }
        }
        return UNKNOWN_PID;
    }

    private static String readBulk(InputStream in) throws IOException {
        String header = readLine(in);
        if (!header.startsWith("$")) {
            throw new IOException("unexpected reply " + header);
        }
        int length = Integer.parseInt(header.substring(1));
        byte[] body = in.readNBytes(length + 2);
        if (body.length < length) {
            throw new EOFException("bulk reply cut short");
        }
        return new String(body, 0, length, StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int current = in.read();
            if (current < 0) {
                throw new EOFException("connection closed");
            }
            if (previous == '\r' && current == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(current);
            previous = current;
        }
    }
}
