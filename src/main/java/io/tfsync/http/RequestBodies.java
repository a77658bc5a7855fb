package io.tfsync.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;

/** Reads request bodies with a precise 4xx for anything a client could get wrong. */
final class RequestBodies {

    private RequestBodies() {}

    /** The body as a JSON object; 415 when it is not declared as JSON, 400 when it does not parse. */
    static JsonNode jsonObject(Context ctx, ObjectMapper json) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(
                    415, "UnsupportedMediaTypeError", "The request body must be JSON (Content-Type: application/json)");
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(
                    "The request body is not valid JSON: " + e.getOriginalMessage() + where(e.getLocation()));
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        return body;
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
