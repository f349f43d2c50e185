package org.labvault.local.engine;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads a small body that waits for "100 Continue" before s3proxy decides. A client that waits
 * (the SDKs do) cannot read a refusal s3proxy sends before reading the body: it fails writing the
 * body instead, and only its retries hide that. Reading first makes the server send "100
 * Continue", so every answer, refusals included, arrives as S3 would send it. Large bodies (parts
 * of multipart uploads) stream through untouched.
 */
final class SmallBodies {

  static final long SMALL = 1024 * 1024;

  private SmallBodies() {}

  static HttpServletRequest readFirst(HttpServletRequest request) throws IOException {
    long length = request.getContentLengthLong();
    if (!"100-continue".equalsIgnoreCase(request.getHeader("Expect")) || length <= 0 || length > SMALL) {
      return request;
    }
    byte[] body = request.getInputStream().readNBytes((int) length);
    return new HttpServletRequestWrapper(request) {
      @Override
      public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
          @Override
          public int read() {
            return in.read();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return in.read(b, off, len);
          }

          @Override
          public boolean isFinished() {
            return in.available() == 0;
          }

          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setReadListener(ReadListener listener) {
            // the whole body is already here: it is available at once and then all read
            try {
              listener.onDataAvailable();
              listener.onAllDataRead();
            } catch (IOException e) {
              listener.onError(e);
            }
          }
        };
      }
    };
  }
}
