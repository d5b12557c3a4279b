package io.github.openaiboot.sample;

import java.time.Duration;
import java.util.Map;

import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.StreamErrorException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns OpenAI failures into RFC 9457 problem responses that tell the caller what to do:
 * 429 with {@code Retry-After} for rate limits, 503 for an exhausted quota or a refused
 * key (the service cannot answer until an operator acts), 400 for requests OpenAI
 * refused, 502/504 for upstream failures; always with OpenAI's request id.
 *
 * @author openai-spring-boot
 */
@RestControllerAdvice
class OpenAiProblemHandler {

	private static final Log logger = LogFactory.getLog(OpenAiProblemHandler.class);

	@ExceptionHandler(OpenAiException.class)
	ResponseEntity<ProblemDetail> handle(OpenAiException ex) {
		ProblemDetail problem = problemFor(ex);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
		Map<String, Object> properties = problem.getProperties();
		Object retryAfterSeconds = (properties != null) ? properties.get("retryAfterSeconds") : null;
		if (retryAfterSeconds != null && problem.getStatus() == HttpStatus.TOO_MANY_REQUESTS.value()) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds.toString());
		}
		return response.body(problem);
	}

	/**
	 * Describes a failure for the caller, and logs it when it is the service's problem
	 * rather than the caller's.
	 * @param ex the failure
	 * @return the problem, with its status, kind, request id and hinted delay
	 */
	static ProblemDetail problemFor(OpenAiException ex) {
		HttpStatus status = statusFor(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detailFor(ex));
		problem.setTitle("OpenAI " + ex.kind());
		problem.setProperty("kind", ex.kind().name());
		problem.setProperty("openaiStatus", ex.statusCode());
		if (ex.requestId() != null) {
			problem.setProperty("requestId", ex.requestId());
		}
		ex.retryAfter()
			.ifPresent((delay) -> problem.setProperty("retryAfterSeconds", Math.max(1, (delay.toMillis() + 999) / 1000)));
		if (status.is5xxServerError()) {
			logger.warn(ex.getMessage());
		}
		return problem;
	}

	static HttpStatus statusFor(OpenAiException ex) {
		if (ex instanceof StreamErrorException) {
			return HttpStatus.BAD_GATEWAY;
		}
		return switch (ex.kind()) {
			case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
			case QUOTA_EXCEEDED, INVALID_API_KEY, ACCOUNT_DEACTIVATED, AUTHENTICATION, PERMISSION_DENIED,
					REGION_NOT_SUPPORTED ->
				HttpStatus.SERVICE_UNAVAILABLE;
			case INVALID_REQUEST, CONTEXT_LENGTH_EXCEEDED, REQUEST_TOO_LARGE, MODEL_NOT_FOUND, NOT_FOUND ->
				HttpStatus.BAD_REQUEST;
			case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
			default -> HttpStatus.BAD_GATEWAY;
		};
	}

	private static String detailFor(OpenAiException ex) {
		String message = ex.error().message();
		return switch (ex.kind()) {
			case QUOTA_EXCEEDED -> "The OpenAI account has run out of quota or credit; "
					+ "an operator must add credit or raise the limit.";
			case INVALID_API_KEY, ACCOUNT_DEACTIVATED, AUTHENTICATION ->
				"The service's OpenAI credentials were refused (" + ex.kind() + ").";
			case RATE_LIMITED -> "OpenAI rate limit reached; try again after "
					+ ex.retryAfter().map(Duration::toMillis).map((ms) -> ms + "ms").orElse("a moment") + ".";
			default -> (message != null) ? message : ex.kind().name();
		};
	}

}
