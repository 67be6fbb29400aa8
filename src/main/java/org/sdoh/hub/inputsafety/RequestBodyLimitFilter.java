package org.sdoh.hub.inputsafety;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code sdoh.api.max-request-size} with 413 and an
 * OperationOutcome, before HAPI reads them. A declared Content-Length is checked at once; a chunked
 * body is read up to the limit and no further, so a huge upload never reaches memory whole.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final FhirContext fhirContext;
	private final long maxBytes;

	public RequestBodyLimitFilter(FhirContext fhirContext, DataSize maxRequestSize) {
		this.fhirContext = fhirContext;
		this.maxBytes = maxRequestSize.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			refuse(response, declared);
			return;
		}
		if (declared >= 0 || !hasChunkedBody(request)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
		if (body.length > maxBytes) {
			refuse(response, -1);
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body), response);
	}

	private static boolean hasChunkedBody(HttpServletRequest request) {
		String transferEncoding = request.getHeader("Transfer-Encoding");
		return transferEncoding != null && transferEncoding.toLowerCase().contains("chunked");
	}

	private void refuse(HttpServletResponse response, long declared) throws IOException {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.TOOLONG)
				.setDiagnostics("Request body " + (declared >= 0 ? "of " + declared + " bytes " : "")
						+ "exceeds the limit of " + maxBytes + " bytes (sdoh.api.max-request-size)");
		byte[] encoded = fhirContext.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
		response.setStatus(413);
		response.setContentType(Constants.CT_FHIR_JSON_NEW + ";charset=UTF-8");
		response.setContentLength(encoded.length);
		response.setHeader("Connection", "close");
		response.getOutputStream().write(encoded);
	}

	/** The request with its (already read, within-limit) body served from memory. */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) throws IOException {
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
					throw new UnsupportedOperationException("synchronous reads only");
				}
			};
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}
	}
}
