package org.sdoh.hub.screening;

/** A QuestionnaireResponse that cannot be extracted: the element at fault and what is wrong with it. */
public class ScreeningInputException extends RuntimeException {

	private final String element;

	public ScreeningInputException(String element, String message) {
		super(message);
		this.element = element;
	}

	public String element() {
		return element;
	}
}
