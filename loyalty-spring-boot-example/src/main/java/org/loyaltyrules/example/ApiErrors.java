package org.loyaltyrules.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.loyaltyrules.rules.RuleEvaluationException;
import org.loyaltyrules.rules.program.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The API's error body, {@code {"errors":[{"location":...,"message":...}]}}: for a malformed event
 * ({@link EventsController}) and for every request Spring MVC itself turns away (no or another Content-Type: 415; an
 * Accept without JSON: 406; another method: 405; a query parameter of the wrong type: 400; no such endpoint: 404),
 * with the status Spring gives it. Each names where the request is wrong (header, method, parameter, path) and how.
 * An event the service could not apply ({@link #notApplied}) and any unexpected exception (500, logged) have it too.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    /** How {@code LoyaltyService.apply}'s IllegalStateException ends when its retries ran out. */
    private static final String CONTENDED = " attempts lost to concurrent writers";

    /** The error body of {@code problems}. */
    static ObjectNode body(List<Problem> problems) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode errors = node.putArray("errors");
        problems.forEach(p -> errors.addObject().put("location", p.location()).put("message", p.message()));
        return node;
    }

    /**
     * The answer to an event {@code LoyaltyService.apply} threw on (nothing was written), or {@code failure} thrown
     * on when it is none of these: 409 for a stored member state the program cannot hold (the engine's
     * IllegalArgumentException: a tier or tier floor a reload removed or renamed, or the state of another member),
     * 500 for a rule that threw or looped (the message names the rule and the failure), 503 with
     * {@code Retry-After} when other writers of the member kept winning. Each with the exception's message.
     */
    static ResponseEntity<JsonNode> notApplied(RuntimeException failure) {
        if (failure instanceof IllegalArgumentException) {
            LOG.warn("event not applied: {}", failure.getMessage());
            return answer(HttpStatus.CONFLICT, new Problem("member state", failure.getMessage()));
        }
        if (failure instanceof RuleEvaluationException) {
            LOG.error("event not applied: a rule failed", failure);
            return answer(HttpStatus.INTERNAL_SERVER_ERROR, new Problem("rules", failure.getMessage()));
        }
        if (failure instanceof IllegalStateException && String.valueOf(failure.getMessage()).endsWith(CONTENDED)) {
            LOG.warn("event not applied: {}", failure.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body(List.of(new Problem("member", failure.getMessage()))));
        }
        throw failure;
    }

    private static ResponseEntity<JsonNode> answer(HttpStatus status, Problem problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body(List.of(problem)));
    }

    /** Any other exception: 500 with a message that gives nothing away; the cause is in the server log. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<JsonNode> unexpected(Exception ex, HttpServletRequest request) {
        String endpoint = request.getMethod() + " " + request.getRequestURI();
        LOG.error("{} failed", endpoint, ex);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR,
                new Problem("server", "internal error answering " + endpoint + "; the server log has the cause"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        HttpHeaders answer = new HttpHeaders();
        if (headers != null) {
            answer.putAll(headers);
        }
        // set, not negotiated: the body is JSON also for a request whose Accept header excludes it (406)
        answer.setContentType(MediaType.APPLICATION_JSON);
        return new ResponseEntity<>(body(List.of(problem(ex, request))), answer, status);
    }

    private static Problem problem(Exception ex, WebRequest request) {
        HttpServletRequest http = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        String endpoint = http == null ? "this endpoint" : http.getMethod() + " " + http.getRequestURI();
        if (ex instanceof HttpMediaTypeNotSupportedException e) {
            String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
            return new Problem("Content-Type header", (sent == null || sent.isBlank() ? "missing" : "'" + sent
                    + "' is not supported") + ": " + endpoint + " takes " + types(e.getSupportedMediaTypes()));
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException e) {
            return new Problem("Accept header", "'" + request.getHeader(HttpHeaders.ACCEPT) + "' does not accept "
                    + types(e.getSupportedMediaTypes()) + ", the only answer of " + endpoint);
        }
        if (ex instanceof HttpRequestMethodNotSupportedException e) {
            String path = http == null ? "this path" : http.getRequestURI();
            String[] supported = e.getSupportedMethods();
            return new Problem("request method", e.getMethod() + " is not supported on " + path
                    + (supported == null ? "" : ": use " + String.join(" or ", supported)));
        }
        if (ex instanceof MethodArgumentTypeMismatchException e) {
            boolean path = e.getParameter().hasParameterAnnotation(PathVariable.class);
            return new Problem((path ? "path variable " : "query parameter ") + e.getName(),
                    mismatch(e.getRequiredType(), e.getValue()));
        }
        if (ex instanceof TypeMismatchException e) {
            return new Problem("request parameter " + e.getPropertyName(), mismatch(e.getRequiredType(), e.getValue()));
        }
        if (ex instanceof MissingServletRequestParameterException e) {
            return new Problem("query parameter " + e.getParameterName(), "missing");
        }
        if (ex instanceof HttpMessageNotReadableException e) {
            return new Problem("request body", "not readable: " + e.getMostSpecificCause().getMessage());
        }
        if (ex instanceof NoResourceFoundException) {
            return new Problem("path", "no endpoint " + endpoint);
        }
        String detail = ex instanceof ErrorResponse e ? e.getBody().getDetail() : null;
        return new Problem("request", detail != null ? detail : ex.getMessage());
    }

    private static String types(List<MediaType> types) {
        return types.stream().map(MediaType::toString).collect(Collectors.joining(" or "));
    }

    /**
     * "expected a whole number, was 'abc'"; for a whole number beyond an int or long parameter, the bound it passed:
     * "must be at most 2147483647, was '99999999999'".
     */
    private static String mismatch(Class<?> type, Object value) {
        String text = String.valueOf(value).trim();
        boolean isInt = type == int.class || type == Integer.class;
        if ((isInt || type == long.class || type == Long.class) && text.matches("[-+]?[0-9]+")) {
            BigInteger number = new BigInteger(text);
            long max = isInt ? Integer.MAX_VALUE : Long.MAX_VALUE;
            long min = isInt ? Integer.MIN_VALUE : Long.MIN_VALUE;
            if (number.compareTo(BigInteger.valueOf(max)) > 0) {
                return "must be at most " + max + ", was '" + value + "'";
            }
            if (number.compareTo(BigInteger.valueOf(min)) < 0) {
                return "must be at least " + min + ", was '" + value + "'";
            }
        }
        return "expected " + expected(type) + ", was '" + value + "'";
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        return type == null ? "another value" : "a " + type.getSimpleName();
    }
}
