package org.sdoh.hub.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMART App Launch scopes of a token, as permissions: {@code context/Type.cruds} (v2) and
 * {@code context/Type.read|write|*} (v1, still sent by older clients). Scopes that are not resource
 * scopes ({@code openid}, {@code profile}, {@code launch/patient}, ...) are ignored; v2 query-parameter
 * restrictions ({@code ?category=...}) are not supported and such scopes grant nothing.
 */
public final class SmartScopes {

	/** Whose data a scope covers: one patient, what the user may see, or what the system may see. */
	public enum Context {
		PATIENT,
		USER,
		SYSTEM
	}

	/** SMART v2 interactions. */
	public enum Interaction {
		CREATE('c'),
		READ('r'),
		UPDATE('u'),
		DELETE('d'),
		SEARCH('s');

		private final char letter;

		Interaction(char letter) {
			this.letter = letter;
		}
	}

	/** One granted resource scope; {@code resourceType} "*" stands for every type. */
	public record Scope(Context context, String resourceType, Set<Interaction> interactions) {

		boolean covers(String type) {
			return resourceType.equals("*") || resourceType.equals(type);
		}
	}

	private static final Pattern RESOURCE_SCOPE =
			Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.([a-z*]+)");

	private final List<Scope> scopes;

	private SmartScopes(List<Scope> scopes) {
		this.scopes = List.copyOf(scopes);
	}

	public static SmartScopes parse(Collection<String> tokens) {
		List<Scope> parsed = new ArrayList<>();
		for (String token : tokens) {
			parse(token).ifPresent(parsed::add);
		}
		return new SmartScopes(parsed);
	}

	static Optional<Scope> parse(String token) {
		Matcher matcher = RESOURCE_SCOPE.matcher(token.trim());
		if (!matcher.matches()) {
			return Optional.empty();
		}
		Context context = Context.valueOf(matcher.group(1).toUpperCase(Locale.ROOT));
		return interactions(matcher.group(3)).map(granted -> new Scope(context, matcher.group(2), granted));
	}

	private static Optional<Set<Interaction>> interactions(String suffix) {
		switch (suffix) {
			case "read":
				return Optional.of(EnumSet.of(Interaction.READ, Interaction.SEARCH));
			case "write":
				return Optional.of(EnumSet.of(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE));
			case "*":
				return Optional.of(EnumSet.allOf(Interaction.class));
			default:
				return v2Letters(suffix);
		}
	}

	/** v2 letters must appear in the order c, r, u, d, s, each at most once (SMART App Launch 2.0). */
	private static Optional<Set<Interaction>> v2Letters(String suffix) {
		Set<Interaction> granted = EnumSet.noneOf(Interaction.class);
		int next = 0;
		for (char letter : suffix.toCharArray()) {
			Interaction match = null;
			for (int i = next; i < Interaction.values().length && match == null; i++) {
				if (Interaction.values()[i].letter == letter) {
					match = Interaction.values()[i];
					next = i + 1;
				}
			}
			if (match == null) {
				return Optional.empty();
			}
			granted.add(match);
		}
		return granted.isEmpty() ? Optional.empty() : Optional.of(granted);
	}

	public List<Scope> all() {
		return scopes;
	}

	/** Whether any scope grants this interaction on this type (the table the unit test states). */
	boolean permits(String resourceType, Interaction interaction) {
		return scopes.stream().anyMatch(s -> s.covers(resourceType) && s.interactions().contains(interaction));
	}
}
