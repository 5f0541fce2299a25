package dev.shoplink.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoplink.host.integrations.CredentialFields;
import dev.shoplink.host.testing.OpenApiContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one request limit of openapi.json that is still hand-written: the credentials are JSON whose fields the
 * connector's form decides, so their value limit ({@link CredentialFields#MAX_LENGTH}) is the service's, not a
 * record's. Every limit a request record declares is generated ({@link OpenApiSchemas}, held by
 * {@code OpenApiGeneratedTest}).
 */
class OpenApiLimitsTest {
    private final JsonNode spec = OpenApiContract.get().spec();

    @Test
    void credentialValuesHaveTheDocumentedLimit() {
        for (String schema : List.of("IntegrationCreate", "IntegrationPatch")) {
            assertThat(spec.at("/components/schemas/" + schema + "/properties/credentials/additionalProperties/maxLength").asInt())
                    .as(schema + ".credentials").isEqualTo(CredentialFields.MAX_LENGTH);
        }
    }
}
