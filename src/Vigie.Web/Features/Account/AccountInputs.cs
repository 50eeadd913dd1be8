using System.ComponentModel.DataAnnotations;

namespace Vigie.Web.Features.Account;

/// <summary>The e-mail address typed to sign in or to ask for a reset link: one field, one set of messages.</summary>
public class AccountEmailInput
{
    [Required(ErrorMessage = "Saisissez votre adresse électronique.")]
    [EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide.")]
    [Display(Name = "Adresse électronique")]
    public string Email { get; set; } = "";
}

/// <summary>A new password typed twice (reset link, invitation, change of password): the password policy is Identity's.</summary>
public class AccountNewPasswordInput
{
    [Required(ErrorMessage = "Saisissez un nouveau mot de passe.")]
    [DataType(DataType.Password)]
    [Display(Name = "Nouveau mot de passe")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Confirmez le nouveau mot de passe.")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "La confirmation ne correspond pas au nouveau mot de passe.")]
    [Display(Name = "Confirmation du nouveau mot de passe")]
    public string ConfirmPassword { get; set; } = "";
}
