package dev.shoplink.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shoplink.api.Connection;
import dev.shoplink.api.ConnectorDescriptor;
import dev.shoplink.api.CredentialField;
import dev.shoplink.api.InvalidCredentialsException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The contract's checks of the descriptor, credential validation and the secrecy of credentials. */
abstract class CredentialContract extends ContractHooks {
    private static final Pattern CONNECTOR_ID = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern SECRET_SOUNDING = Pattern.compile("(?i).*(secret|password|token|key).*");
    @Test
    public void descriptorIsUsableByTheHost() {
        ConnectorDescriptor descriptor = connector().descriptor();

        assertThat(descriptor.id()).matches(CONNECTOR_ID);
        assertThat(descriptor.name()).isNotBlank();
        assertThat(descriptor.defaultBaseUrl().isAbsolute()).as("default base URL is absolute").isTrue();
        assertThat(descriptor.defaultBaseUrl().getScheme()).isIn("https", "http");
        List<CredentialField> fields = descriptor.credentialFields();
        assertThat(fields).as("credential fields").anyMatch(CredentialField::required);
        assertThat(fields).extracting(CredentialField::name).doesNotHaveDuplicates().allMatch(name -> !name.isBlank());
        assertThat(fields).extracting(CredentialField::label).allMatch(label -> !label.isBlank());
        assertThat(fields)
                .filteredOn(field -> SECRET_SOUNDING.matcher(field.name()).matches())
                .as("fields named like a key, secret, token or password are flagged secret")
                .allMatch(CredentialField::secret);
    }

    @Test
    public void goodConnectionCarriesEveryRequiredField() {
        Connection connection = goodConnection();
        for (CredentialField field : connector().descriptor().credentialFields()) {
            if (field.required()) {
                assertThat(connection.credential(field.name())).as(field.name()).isNotBlank();
            }
        }
    }

    @Test
    public void validateAcceptsGoodCredentials() {
        connector().validate(goodConnection());
    }

    @Test
    public void validateRejectsBadCredentialsWithoutEchoingThem() {
        InvalidCredentialsException rejected = catchThrowableOfType(InvalidCredentialsException.class,
                () -> connector().validate(badCredentialsConnection()));

        assertThat(rejected).as("InvalidCredentialsException").isNotNull();
        assertThat(rejected.retryable()).isFalse();
        assertNoSecretIn(rejected.getMessage(), badCredentialsConnection());
    }

    @Test
    public void connectionTextHasNoSecrets() {
        assertNoSecretIn(goodConnection().toString(), goodConnection());
        assertNoSecretIn(badCredentialsConnection().toString(), badCredentialsConnection());
    }
}
